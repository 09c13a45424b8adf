// Authored 271 scenarios: each test/scenarios/NAME.x12 is read with the codec's readEligibility
// and normalized; NAME.expected.json states the asserted part of the summary (every figure).
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { readEligibility } from '@bvs/x12';
import { type NormalizeOptions, normalizeEligibility } from '../src';
import { subsetMismatches, valueAt } from './support/subset';

interface Expectation {
  options?: NormalizeOptions;
  summary?: unknown;
  /** Exact list of review reasons. */
  reviewReasons?: string[];
  /** Texts that must each appear within one of the produced review reasons. */
  reviewContains?: string[];
  /** Dotted paths (from the summary) that must be absent: "not returned" is never 0. */
  absent?: string[];
}

const dir = join(__dirname, 'scenarios');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.x12'))
  .map((f) => f.replace(/\.x12$/, ''))
  .sort();

describe('authored 271 scenarios', () => {
  it('has at least 25 scenarios, each with an expectation', () => {
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const n of names) expect(readdirSync(dir)).toContain(`${n}.expected.json`);
  });

  it.each(names)('%s', (name) => {
    const responses = readEligibility(readFileSync(join(dir, `${name}.x12`), 'utf8'));
    const exp = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expectation;
    const result = normalizeEligibility(responses, exp.options);
    const problems: string[] = [];
    if (exp.summary !== undefined) problems.push(...subsetMismatches(result.summary, exp.summary, 'summary'));
    if (exp.reviewReasons) problems.push(...subsetMismatches(result.reviewReasons, exp.reviewReasons, 'reviewReasons'));
    for (const r of exp.reviewContains ?? []) if (!result.reviewReasons.some((x) => x.includes(r))) problems.push(`reviewReasons lacks: ${r}\n  got: ${JSON.stringify(result.reviewReasons, null, 1)}`);
    for (const p of exp.absent ?? []) if (valueAt(result.summary, p) !== undefined) problems.push(`${p} should be absent, got ${JSON.stringify(valueAt(result.summary, p))}`);
    expect(problems).toEqual([]);
  });
});
