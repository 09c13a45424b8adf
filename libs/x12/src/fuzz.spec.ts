// Property tests: mutated corpus files must either parse or throw X12Error — never another
// exception, never a hang. 10,500 generated cases in total.
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { X12Error, lex, parse270, parse271, parseEligibilityJson, readEligibility, type EligibilityResponse } from './index';

const CORPUS = path.resolve(__dirname, '../../..', 'test/fixtures');
const x12Files = fs.readdirSync(path.join(CORPUS, 'x12')).map((f) => fs.readFileSync(path.join(CORPUS, 'x12', f), 'utf8'));
const jsonFiles = fs.readdirSync(path.join(CORPUS, 'json')).map((f) => fs.readFileSync(path.join(CORPUS, 'json', f), 'utf8'));
// The 76 KB batch makes every mutation slow; it is covered by one truncation property below.
const small = x12Files.filter((t) => t.length < 10_000);

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'repeat'; at: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'delimiter'; from: number; to: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'bytes'; at: number; bytes: string }
  | { kind: 'char'; at: number; ch: string };

const DELIMS = ['*', '~', '^', ':', '|', '>', '\n', '\r', '\u001d', ' ', 'A', '0'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('delimiter' as const), from: fc.nat(), to: fc.constantFrom(...DELIMS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.string({ unit: 'binary', maxLength: 12 }) }),
  fc.record({ kind: fc.constant('char' as const), at: fc.nat(), ch: fc.constantFrom(...DELIMS, '\u0000', '\uFEFF', 'Z') }),
);

/** Applies a mutation at segment level (split on the file's own terminator) or at byte level. */
function mutate(text: string, m: Mutation): string {
  let term = '~';
  try {
    term = lex(text).delimiters.segment;
  } catch {
    // already broken: fall back to "~"
  }
  const segs = text.split(term);
  const n = segs.length;
  switch (m.kind) {
    case 'delete':
      segs.splice(m.at % n, 1);
      return segs.join(term);
    case 'repeat':
      segs.splice(m.at % n, 0, segs[m.at % n]);
      return segs.join(term);
    case 'swap': {
      const a = m.a % n;
      const b = m.b % n;
      [segs[a], segs[b]] = [segs[b], segs[a]];
      return segs.join(term);
    }
    case 'delimiter': {
      const chars = ['*', '~', '^', ':', '|', '>', '\n'];
      const from = chars[m.from % chars.length];
      return text.split(from).join(m.to);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'bytes': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.bytes + text.slice(at);
    }
    case 'char': {
      const at = m.at % Math.max(text.length, 1);
      return text.slice(0, at) + m.ch + text.slice(at + 1);
    }
  }
}

function wellFormed(r: EligibilityResponse[]): void {
  expect(Array.isArray(r)).toBe(true);
  for (const x of r) {
    for (const s of x.subscribers) {
      for (const b of s.benefits) {
        if (typeof b.source !== 'string' || !Array.isArray(b.serviceTypeCodes)) throw new Error('malformed benefit');
      }
    }
  }
}

/** Only a result or an X12Error is acceptable. */
function onlyX12Errors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof X12Error)) throw e;
  }
}

describe('fuzz: mutated corpus', () => {
  const started = Date.now();
  afterAll(() => {
    // Guard against pathological slowness (a "hang" would show up here long before jest's timeout).
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('parse271 (lenient and strict) on 1-3 mutations of a corpus file: 4,000 cases', () => {
    let parsed = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (i, ms, strict) => {
        const text = ms.reduce(mutate, small[i % small.length]);
        try {
          wellFormed(parse271(text, { strict }));
          parsed++;
        } catch (e) {
          if (!(e instanceof X12Error)) throw e;
          rejected++;
        }
      }),
      { numRuns: 4000 },
    );
    // Both outcomes must actually be exercised, or the property proves little.
    expect(parsed).toBeGreaterThan(400);
    expect(rejected).toBeGreaterThan(400);
  });

  it('readEligibility and parse270 on mutated files: 3,000 cases', () => {
    fc.assert(
      fc.property(fc.nat(), mutation, (i, m) => {
        const text = mutate(small[i % small.length], m);
        onlyX12Errors(() => wellFormed(readEligibility(text)));
        onlyX12Errors(() => parse270(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('truncations of the 153-set batch: 500 cases', () => {
    const batch = x12Files.reduce((a, b) => (b.length > a.length ? b : a));
    fc.assert(
      fc.property(fc.nat(batch.length), (at) => {
        onlyX12Errors(() => wellFormed(parse271(batch.slice(0, at))));
      }),
      { numRuns: 500 },
    );
  });

  it('random strings and random bytes: 1,500 cases', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((s) => 'ISA' + s),
        ),
        (text) => {
          onlyX12Errors(() => wellFormed(parse271(text)));
          onlyX12Errors(() => wellFormed(readEligibility(text)));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('JSON: arbitrary values and mutated corpus JSON: 1,500 cases', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (v) => {
        onlyX12Errors(() => parseEligibilityJson(v));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (i, at, junk) => {
        const t = jsonFiles[i % jsonFiles.length];
        const p = at % (t.length + 1);
        onlyX12Errors(() => readEligibility(t.slice(0, p) + junk + t.slice(p + junk.length)));
      }),
      { numRuns: 500 },
    );
  });
});
