// Profiling aid for the 271 parser (issue 19): reads the corpus 271s once, then parses them many
// times, so a --cpu-prof of this script shows the parse path alone. Not part of `npm run bench`.
// Run: node --cpu-prof --cpu-prof-dir=/tmp -r ts-node/register/transpile-only -r tsconfig-paths/register bench/parse-loop.ts [seconds]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse271 } from '@bvs/x12';

const CORPUS = process.env.X12_CORPUS_DIR ?? path.resolve(__dirname, '..', 'test', 'fixtures', 'x12');

const texts: string[] = [];
let sets = 0;
for (const name of fs.readdirSync(CORPUS).sort()) {
  const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
  if (!/ST[^A-Z0-9]271/.test(text.slice(0, 400))) continue;
  try {
    sets += parse271(text).length;
    texts.push(text);
  } catch {
    // not a 271 the parser accepts: left out
  }
}

const seconds = Number(process.argv[2] ?? 5);
const deadline = Date.now() + seconds * 1000;
let passes = 0;
let sink = 0;
const cpu0 = process.cpuUsage();
while (Date.now() < deadline) {
  for (const t of texts) sink += parse271(t).length;
  passes++;
}
const cpu = process.cpuUsage(cpu0);
const us = (cpu.user + cpu.system) / (passes * sets);
console.log(`${texts.length} files, ${sets} sets, ${passes} passes, ${us.toFixed(2)} µs CPU per 271 (sink ${sink})`);
