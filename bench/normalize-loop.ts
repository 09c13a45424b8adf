// Profiling aid for the normalizer (issue 19): reads the corpus 271s once, then normalizes them
// many times, so a --cpu-prof of this script shows the normalize path alone. Not part of `npm run bench`.
// Run: node --cpu-prof --cpu-prof-dir=/tmp -r ts-node/register/transpile-only -r tsconfig-paths/register bench/normalize-loop.ts [seconds]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeEligibility } from '@bvs/coverage';
import { readEligibility, type EligibilityResponse } from '@bvs/x12';

const CORPUS = process.env.X12_CORPUS_DIR ?? path.resolve(__dirname, '..', 'test', 'fixtures', 'x12');
const RATES = { IOP: '450.00', PHP: '900.00', OP: '150.00' };

const responses: EligibilityResponse[] = [];
for (const name of fs.readdirSync(CORPUS).sort()) {
  const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
  if (!/ST[^A-Z0-9]271/.test(text.slice(0, 400))) continue;
  try {
    responses.push(...readEligibility(text));
  } catch {
    // not a 271 the reader accepts: left out
  }
}

const seconds = Number(process.argv[2] ?? 5);
const deadline = Date.now() + seconds * 1000;
let passes = 0;
let sink = 0;
const start = process.hrtime.bigint();
while (Date.now() < deadline) {
  for (const r of responses)
    sink += normalizeEligibility([r], { levelsOfCare: ['IOP', 'PHP', 'OP'], allowedPerSession: RATES }).reviewReasons.length;
  passes++;
}
const us = Number(process.hrtime.bigint() - start) / 1e3 / (passes * responses.length);
console.log(`${responses.length} responses, ${passes} passes, ${us.toFixed(2)} µs per normalize (sink ${sink})`);
