// Real-world-shaped 271s (test/fixtures/real-world, sources in its MANIFEST.md): each NAME.x12 is
// read with the codec and normalized; NAME.expected.json states the summary it must give. The
// corpus must keep covering every shape the summary reads (AAA locations, EB01 codes, time
// periods, entity loops, delimiters), so those are counted from the fixtures themselves.
import { readFileSync, readdirSync } from 'fs';
import { join, resolve } from 'path';
import { type EligibilityResponse, readEligibility } from '@bvs/x12';
import { type NormalizeOptions, normalizeEligibility } from '../src';
import { validateX279A1 } from '../../../test/support/x279a1';
import { subsetMismatches, valueAt } from './support/subset';

/** Cases that are off the guide on purpose, as the payer behaviour they model is. */
const OFF_GUIDE: Record<string, RegExp> = {
  // A payer that cannot identify the submitter answers with HL 20 and AAA only (no 2100A NM1).
  'aaa-2000a-79-invalid-participant': /required NM1 missing/,
  // The rejected provider id is an NPI that fails its check digit.
  'aaa-2100b-43-invalid-provider-id': /not a valid NPI/,
};

interface Expectation {
  source: string;
  options?: NormalizeOptions;
  summary: unknown;
  reviewContains?: string[];
  absent?: string[];
}

const dir = resolve(__dirname, '../../../test/fixtures/real-world');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.x12'))
  .map((f) => f.replace(/\.x12$/, ''))
  .sort();
const text = (name: string): string => readFileSync(join(dir, `${name}.x12`), 'utf8');
const parsed = new Map<string, EligibilityResponse[]>(names.map((n) => [n, readEligibility(text(n))]));

function benefitsOf(r: EligibilityResponse): EligibilityResponse['subscribers'][number]['benefits'] {
  return r.subscribers.flatMap((s) => [...s.benefits, ...s.dependents.flatMap((d) => d.benefits)]);
}

describe('real-world 271 corpus', () => {
  it('has at least 25 cases, each with an expectation and a MANIFEST row', () => {
    expect(names.length).toBeGreaterThanOrEqual(25);
    const manifest = readFileSync(join(dir, 'MANIFEST.md'), 'utf8');
    for (const n of names) {
      expect(readdirSync(dir)).toContain(`${n}.expected.json`);
      expect(manifest).toContain(`\`${n}.x12\``);
    }
  });

  it.each(names)('%s', (name) => {
    const exp = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expectation;
    const responses = parsed.get(name) ?? [];
    expect(responses.flatMap((r) => r.warnings)).toEqual([]);
    const result = normalizeEligibility(responses, exp.options);
    const problems = subsetMismatches(result.summary, exp.summary, 'summary');
    for (const r of exp.reviewContains ?? []) if (!result.reviewReasons.some((x) => x.includes(r))) problems.push(`reviewReasons lacks: ${r}`);
    for (const p of exp.absent ?? []) if (valueAt(result.summary, p) !== undefined) problems.push(`${p} should be absent, got ${JSON.stringify(valueAt(result.summary, p))}`);
    expect(problems).toEqual([]);
  });

  it('every case follows 005010X279A1 (segment order, usage, codes), except the off-guide ones', () => {
    for (const name of names) {
      const errors = validateX279A1(text(name), '271');
      const allowed = OFF_GUIDE[name];
      if (allowed) expect(errors.length > 0 && errors.every((e) => allowed.test(e))).toBe(true);
      else expect({ name, errors }).toEqual({ name, errors: [] });
    }
  });

  it('covers every AAA location', () => {
    const loops = new Set<string>();
    for (const responses of parsed.values()) {
      for (const r of responses) {
        r.source.rejections.forEach((x) => loops.add(x.loop));
        r.receiver?.rejections.forEach((x) => loops.add(x.loop));
        for (const s of r.subscribers) {
          s.member.rejections.forEach((x) => loops.add(x.loop));
          s.dependents.forEach((d) => d.member.rejections.forEach((x) => loops.add(x.loop)));
        }
        benefitsOf(r).forEach((b) => b.rejections.forEach((x) => loops.add(x.loop)));
      }
    }
    expect([...loops].sort()).toEqual(['2000A', '2100A', '2100B', '2100C', '2100D', '2110C', '2110D']);
  });

  it('covers every EB01 the summary reads and every time period qualifier', () => {
    const codes = new Set<string>();
    const periods = new Set<string>();
    for (const responses of parsed.values()) {
      for (const b of responses.flatMap(benefitsOf)) {
        codes.add(b.informationCode);
        if (b.timePeriodQualifier) periods.add(b.timePeriodQualifier);
        b.deliveries.forEach((d) => d.timePeriodQualifier && periods.add(d.timePeriodQualifier));
      }
    }
    const eb01 = ['1', '2', '3', '4', '5', '6', '7', '8', 'A', 'B', 'C', 'F', 'G', 'J', 'L', 'R', 'U', 'V', 'W', 'X', 'Y', 'CB', 'MC'];
    expect(eb01.filter((c) => !codes.has(c))).toEqual([]);
    const wanted = ['6', '7', ...Array.from({ length: 16 }, (_, i) => String(21 + i))];
    expect(wanted.filter((p) => !periods.has(p))).toEqual([]);
  });

  it('covers entity loops for vendors, primary care providers and administrators, and MSG-only information', () => {
    const entities = new Set<string>();
    let msgOnly = false;
    for (const responses of parsed.values()) {
      for (const b of responses.flatMap(benefitsOf)) {
        b.relatedEntities.forEach((e) => entities.add(`${b.informationCode}:${e.name.entityIdentifierCode}`));
        if (b.informationCode === 'D' && b.messages.length > 0) msgOnly = true;
      }
    }
    for (const e of ['L:P3', 'U:VN', 'U:Y2', 'MC:Y2', '1:X3', 'R:PRP', 'X:1P']) expect([...entities]).toContain(e);
    expect(msgOnly).toBe(true);
  });

  it('covers delimiter oddities: line breaks, |, !, tilde as repetition, newline terminator', () => {
    const all = names.map(text);
    expect(all.some((t) => t.startsWith('ISA|') && t.includes('!GS|') && t.slice(82, 83) === '~')).toBe(true);
    expect(all.some((t) => t.includes('~\r\n'))).toBe(true);
    expect(all.some((t) => t.slice(105, 106) === '\n')).toBe(true);
  });
});
