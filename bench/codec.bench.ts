// Codec: 271 parse (@bvs/x12), and parse + normalize (readEligibility -> normalizeEligibility from
// @bvs/coverage, one summary per 271 transaction set, IOP/PHP/OP with the default rates) over the
// corpus, against node-x12's parse alone. The parse rows come from runX12Bench() in
// bench/x12-parse.bench.ts (medians of alternating rounds); the parse + normalize row is measured
// here the same way, alternating with node-x12 in each round so both see the same machine noise.
// Run: npm run bench:x12.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeEligibility } from '@bvs/coverage';
import { parse271, readEligibility } from '@bvs/x12';
import { emitJson, round, table } from './lib/common';
import { runX12Bench } from './x12-parse.bench';

interface NodeX12Parser {
  parse(edi: string): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- node-x12 ships no types; the baseline is typed by hand above
const { X12Parser } = require('node-x12') as { X12Parser: new (strict?: boolean) => NodeX12Parser };

const CORPUS = process.env.X12_CORPUS_DIR ?? path.resolve(__dirname, '..', 'test', 'fixtures', 'x12');
const RATES = { IOP: '450.00', PHP: '900.00', OP: '150.00' };

interface Sample {
  text: string;
  sets: number;
}

/** The same selection as the parse bench: every corpus 271 both parsers accept. */
function loadSamples(dir: string): Sample[] {
  const samples: Sample[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    if (!/ST[^A-Z0-9]271/.test(text.slice(0, 400))) continue;
    try {
      const sets = parse271(text).length;
      new X12Parser(true).parse(text);
      samples.push({ text, sets });
    } catch {
      // not accepted by one of the two: left out, as in the parse bench
    }
  }
  return samples;
}

let sink = 0;
/** Passes per second by the wall clock and by this process's CPU clock (the honest one on a shared machine). */
function measure(samples: Sample[], fn: (text: string) => number, ms: number): { wall: number; cpu: number } {
  let passes = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms * 1e6);
  let now = start;
  do {
    for (const s of samples) sink += fn(s.text);
    passes++;
    now = process.hrtime.bigint();
  } while (now < deadline);
  const cpu = process.cpuUsage(cpu0);
  return { wall: passes / (Number(now - start) / 1e9), cpu: passes / ((cpu.user + cpu.system) / 1e6) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export function parseAndNormalize(text: string): number {
  let n = 0;
  for (const response of readEligibility(text)) {
    n += normalizeEligibility([response], { levelsOfCare: ['IOP', 'PHP', 'OP'], allowedPerSession: RATES }).reviewReasons.length + 1;
  }
  return n;
}

export function runCodecBench(options: { rounds?: number; roundMs?: number; log?: (l: string) => void } = {}) {
  const log = options.log ?? ((l: string) => console.log(l));
  const rounds = options.rounds ?? 9;
  const roundMs = options.roundMs ?? 400;
  const parse = runX12Bench({ rounds, roundMs, log });

  const samples = loadSamples(CORPUS);
  const bytes = samples.reduce((n, s) => n + Buffer.byteLength(s.text), 0);
  const sets = samples.reduce((n, s) => n + s.sets, 0);
  const theirs = (t: string) => (new X12Parser(true).parse(t) ? 1 : 0);
  measure(samples, parseAndNormalize, 1000);
  measure(samples, theirs, 500);
  const ours: number[] = [];
  const oursCpu: number[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const [a, b] =
      r % 2 === 0
        ? [measure(samples, parseAndNormalize, roundMs), measure(samples, theirs, roundMs)]
        : (([y, x]) => [x, y])([measure(samples, theirs, roundMs), measure(samples, parseAndNormalize, roundMs)]);
    ours.push(a.wall);
    oursCpu.push(a.cpu);
    ratios.push(a.wall / b.wall);
    cpuRatios.push(a.cpu / b.cpu);
  }
  if (sink < 0) log(String(sink));
  const passesPerSec = median(ours);
  const normalize = { mbPerSec: round((bytes * passesPerSec) / 1e6), usPer271: round(1e6 / (passesPerSec * sets)) };
  const normalizeCpuUsPer271 = round(1e6 / (median(oursCpu) * sets));
  const result = {
    files: samples.length,
    bytes,
    transactionSets: sets,
    parse: parse.ours,
    nodeX12: parse.nodeX12,
    parseRatio: parse.ratio,
    parseNormalize: normalize,
    parseNormalizeRatio: round(median(ratios)),
    // The same rounds by the CPU clock: preemption on a loaded machine does not count.
    parseNormalizeCpu: { usPer271: normalizeCpuUsPer271, ratio: round(median(cpuRatios)) },
    parseCpuRatio: parse.other.clock === 'cpu' ? parse.other.ratio : parse.ratio,
  };
  log('');
  log(
    table([
      ['codec (corpus 271s)', 'MB/s', 'µs/271', 'vs node-x12 parse (wall)', 'µs/271 (cpu)', 'vs node-x12 parse (cpu)'],
      [
        '@bvs/x12 parse',
        parse.ours.mbPerSec,
        parse.ours.usPer271,
        `${parse.ratio}x`,
        parse.other.ours.usPer271,
        `${result.parseCpuRatio}x`,
      ],
      [
        '@bvs parse + normalize',
        normalize.mbPerSec,
        normalize.usPer271,
        `${result.parseNormalizeRatio}x`,
        normalizeCpuUsPer271,
        `${result.parseNormalizeCpu.ratio}x`,
      ],
      ['node-x12 parse (baseline)', parse.nodeX12.mbPerSec, parse.nodeX12.usPer271, '1x', parse.other.nodeX12.usPer271, '1x'],
    ]),
  );
  emitJson('codec', result);
  return result;
}

if (require.main === module) runCodecBench();
