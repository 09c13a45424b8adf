// Every public 271 sample (X12 and clearinghouse JSON) goes through normalizeEligibility without
// throwing; a few named samples pin known figures.
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join, resolve } from 'path';
import { readEligibility } from '@bvs/x12';
import { type CoverageSummary, LEVELS_OF_CARE, normalizeEligibility } from '../src';

const repoRoot = resolve(__dirname, '../../..');
const corpus = resolve(repoRoot, 'test/fixtures');
const x12Files = existsSync(join(corpus, 'x12')) ? readdirSync(join(corpus, 'x12')).filter((f) => f.includes('271')).map((f) => join(corpus, 'x12', f)) : [];
const jsonFiles = existsSync(join(corpus, 'json')) ? readdirSync(join(corpus, 'json')).filter((f) => f.endsWith('.json')).map((f) => join(corpus, 'json', f)) : [];
const files = [...x12Files, ...jsonFiles];

/** Files the codec refuses outright are the codec's business; the rest must normalize. */
function summarize(file: string): CoverageSummary[] | undefined {
  let responses;
  try {
    responses = readEligibility(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  // A batch holds one transaction per member: normalize each, and all together (merging must not throw either).
  const each = responses.map((r) => normalizeEligibility([r]).summary);
  normalizeEligibility(responses, { program: { sessionsPerWeek: 3, weeks: 4 }, allowedPerSession: { IOP: '400.00', PHP: '800.00', OP: '150.00' } });
  return each;
}

const byName = (name: string): CoverageSummary => {
  const file = files.find((f) => f.endsWith(name));
  if (!file) throw new Error(`corpus file ${name} missing`);
  const s = summarize(file);
  if (!s?.[0]) throw new Error(`corpus file ${name} could not be read`);
  return s[0];
};

describe('public 271 corpus', () => {
  it('is present beside the repository', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [f.slice(corpus.length + 1)]))('%s normalizes without throwing', (rel) => {
    const summaries = summarize(join(corpus, rel)) ?? [];
    for (const s of summaries) {
      expect(['active', 'inactive', 'not_found', 'rejected', 'unknown']).toContain(s.eligibility.status);
      for (const level of LEVELS_OF_CARE) expect(s.levelsOfCare[level]).toBeDefined();
    }
  });

  it('reads active, inactive and not-found samples', () => {
    expect(byName('linuxforhealth-271-subscriber-active.x12').eligibility.status).toBe('active');
    expect(byName('oopfactory-271-4010-dependent-inactive-masked.x12').eligibility.status).toBe('inactive');
    expect(byName('stedi-sandbox-uhc-inactive.json').eligibility.status).toBe('inactive');
    expect(byName('stedi-fixture-inactive-mental-health.json').eligibility.status).toBe('inactive');
    expect(byName('stedi-fixture-member-not-found-x12-only.json').eligibility.status).toBe('not_found');
    expect(byName('stedi-sandbox-uhc-aaa75-subscriber-not-found.json').eligibility.status).toBe('not_found');
    expect(byName('oopfactory-271-5010-validation-subscriber-name.x12').eligibility.status).toBe('not_found');
  });

  it('reads rejections with their retry class', () => {
    const aaa42 = byName('stedi-sandbox-uhc-aaa42-payer-unavailable.json');
    expect(aaa42.eligibility.status).toBe('rejected');
    expect(aaa42.eligibility.rejections[0]).toMatchObject({ code: '42', retryable: true });
    const aaa72 = byName('x12edi-271-aaa72-rejected.x12');
    expect(aaa72.eligibility.rejections[0]).toMatchObject({ code: '72', retryable: false, followUp: 'C' });
    expect(aaa72.levelsOfCare.IOP).toMatchObject({ status: 'unknown', basis: 'none' });
  });

  it('reads money and levels from the JSON samples', () => {
    const mh = byName('stedi-fixture-active-mental-health.json');
    expect(mh.levelsOfCare.IOP?.basis).toBe('mental_health_general');
    const a6 = byName('stedi-json-only-psychotherapy-a6.json');
    expect(a6.levelsOfCare.OP).toMatchObject({ status: 'covered', basis: 'explicit', inNetwork: { coinsurancePercent: 20 } });
    expect(a6.levelsOfCare.OP?.inNetwork?.accumulators?.deductible?.individual?.total).toBe('500.00');
    expect(byName('stedi-fixture-behavioral-health-carve-out.json').eligibility.status).toBe('active');
  });
});
