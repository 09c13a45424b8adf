// Every 271 in the fixtures (public samples, real-world shapes, authored scenarios) normalized to
// its full summary and review reasons, pinned as a snapshot: a change to the normalizer that
// alters any figure, source or sentence of any fixture shows up here (the snapshot sorts keys, so
// key order is not pinned). The snapshot was written by the normalizer before the issue 19 speed
// work, which had to leave every summary as it was.
import { readFileSync, readdirSync } from 'fs';
import { join, relative, resolve } from 'path';
import { readEligibility } from '@bvs/x12';
import { type NormalizeOptions, normalizeEligibility } from '../src';

const repoRoot = resolve(__dirname, '../../..');
const dirs = [resolve(repoRoot, 'test/fixtures/x12'), resolve(repoRoot, 'test/fixtures/json'), resolve(repoRoot, 'test/fixtures/real-world'), resolve(__dirname, 'scenarios')];
const files = dirs
  .flatMap((d) => readdirSync(d).map((f) => join(d, f)))
  .filter((f) => f.endsWith('.x12') || (f.endsWith('.json') && !f.endsWith('.expected.json')))
  .map((f) => relative(repoRoot, f))
  .sort();

// A program and rates, so the cost estimates are pinned too; the center out of network for HMO plans.
const OPTIONS: NormalizeOptions = {
  program: { sessionsPerWeek: 5, weeks: 4 },
  allowedPerSession: { IOP: '450.00', PHP: '900.00', OP: '150.00' },
  centerNetwork: { default: 'inNetwork', byPlanType: { HMO: 'outOfNetwork' } },
};

describe('summaries of every fixture 271', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(80);
  });

  it.each(files)('%s', (file) => {
    let responses;
    try {
      responses = readEligibility(readFileSync(join(repoRoot, file), 'utf8'));
    } catch (e) {
      // Not a 271 the codec reads (a 270, a malformed sample): the refusal is pinned instead.
      expect((e as Error).message).toMatchSnapshot();
      return;
    }
    // All the transaction sets together (one patient's answers merged) and, for a batch, the first alone.
    expect(normalizeEligibility(responses, OPTIONS)).toMatchSnapshot();
    if (responses.length > 1) expect(normalizeEligibility([responses[0]], OPTIONS)).toMatchSnapshot();
  });
});
