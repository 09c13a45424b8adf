// Parse throughput of @bvs/x12 parse271 vs node-x12 on the corpus 271 files that both accept.
// Run: npm run bench:x12. Prints a short table and one JSON line; runX12Bench() is reusable
// (bench/run-all.ts). Method: both parsers get the same input set (every corpus 271 that
// node-x12 parses in strict mode and we parse); after a warm-up, `rounds` rounds are run and each
// round times both parsers back to back, alternating which goes first, so machine noise hits both
// alike. Reported figures are medians over the rounds; the ratio is the median of the per-round
// ratios (ours / node-x12 throughput).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse271 } from '@bvs/x12';

// node-x12 ships CommonJS without a module declaration we want to depend on; type the bit we use.
interface NodeX12Parser {
  parse(edi: string): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { X12Parser } = require('node-x12') as { X12Parser: new (strict?: boolean) => NodeX12Parser };

export interface ParserFigures {
  /** Median MB/s (10^6 bytes of UTF-8 input per second). */
  mbPerSec: number;
  /** Median µs per 271 transaction set. */
  usPer271: number;
}

export interface X12BenchResult {
  files: number;
  bytes: number;
  transactionSets: number;
  rounds: number;
  roundMs: number;
  ours: ParserFigures;
  nodeX12: ParserFigures;
  /** Median of per-round throughput ratios, ours / node-x12. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  node: string;
  cpus: number;
  skipped: string[];
}

export interface X12BenchOptions {
  corpusDir?: string;
  /** Measured rounds (default 9); each round times both parsers. */
  rounds?: number;
  /** Time per parser per round in ms (default 400). */
  roundMs?: number;
  /** Warm-up per parser in ms before the rounds (default 1000). */
  warmupMs?: number;
  log?: (line: string) => void;
}

interface Sample {
  name: string;
  text: string;
  sets: number;
}

const DEFAULT_CORPUS = path.resolve(__dirname, '..', '..', 'shared', 'corpus', 'x12');

function loadCorpus(dir: string): { samples: Sample[]; skipped: string[] } {
  const samples: Sample[] = [];
  const skipped: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    if (!/ST[^A-Z0-9]271/.test(text.slice(0, 400))) continue; // 271s only
    let sets = 0;
    try {
      sets = parse271(text).length;
    } catch {
      skipped.push(`${name} (ours)`);
      continue;
    }
    try {
      new X12Parser(true).parse(text);
    } catch {
      skipped.push(`${name} (node-x12)`);
      continue;
    }
    samples.push({ name, text, sets });
  }
  return { samples, skipped };
}

let sink = 0;

/** Runs `fn` over all samples repeatedly for at least `ms`; returns passes completed and elapsed ns. */
function measure(samples: Sample[], fn: (text: string) => unknown, ms: number): { passes: number; ns: number } {
  let passes = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(ms * 1e6));
  let now = start;
  do {
    for (const s of samples) if (fn(s.text)) sink++;
    passes++;
    now = process.hrtime.bigint();
  } while (now < deadline);
  return { passes, ns: Number(now - start) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function runX12Bench(options: X12BenchOptions = {}): X12BenchResult {
  const dir = options.corpusDir ?? process.env.X12_CORPUS_DIR ?? DEFAULT_CORPUS;
  const rounds = Math.max(1, options.rounds ?? 9);
  const roundMs = options.roundMs ?? 400;
  const warmupMs = options.warmupMs ?? 1000;
  const log = options.log ?? ((l: string) => console.log(l));
  const { samples, skipped } = loadCorpus(dir);
  if (samples.length === 0) throw new Error(`no 271 in ${dir} is accepted by both parsers`);
  const bytes = samples.reduce((n, s) => n + Buffer.byteLength(s.text), 0);
  const sets = samples.reduce((n, s) => n + s.sets, 0);

  const ours = (t: string) => parse271(t);
  const theirs = (t: string) => new X12Parser(true).parse(t);
  measure(samples, ours, warmupMs);
  measure(samples, theirs, warmupMs);

  const mbOurs: number[] = [];
  const mbTheirs: number[] = [];
  const ratios: number[] = [];
  const mbPerSec = (m: { passes: number; ns: number }) => (bytes * m.passes) / (m.ns / 1e9) / 1e6;
  for (let r = 0; r < rounds; r++) {
    let a: { passes: number; ns: number };
    let b: { passes: number; ns: number };
    if (r % 2 === 0) {
      a = measure(samples, ours, roundMs);
      b = measure(samples, theirs, roundMs);
    } else {
      b = measure(samples, theirs, roundMs);
      a = measure(samples, ours, roundMs);
    }
    mbOurs.push(mbPerSec(a));
    mbTheirs.push(mbPerSec(b));
    ratios.push(mbPerSec(a) / mbPerSec(b));
  }
  if (sink < 0) console.log(sink); // keep the results observable so nothing is optimised away

  // µs per 271 follows from MB/s: the same bytes and sets are parsed in every pass.
  const figures = (mb: number): ParserFigures => ({ mbPerSec: round2(mb), usPer271: round2(bytes / (mb * 1e6) / sets * 1e6) });
  const result: X12BenchResult = {
    files: samples.length,
    bytes,
    transactionSets: sets,
    rounds,
    roundMs,
    ours: figures(median(mbOurs)),
    nodeX12: figures(median(mbTheirs)),
    ratio: round2(median(ratios)),
    ratioMin: round2(Math.min(...ratios)),
    ratioMax: round2(Math.max(...ratios)),
    node: process.version,
    cpus: os.cpus().length,
    skipped,
  };

  log(`x12 parse bench: ${samples.length} corpus 271 files accepted by both, ${sets} transaction sets, ${bytes} bytes per pass`);
  log(`${rounds} rounds x ${roundMs} ms per parser after ${warmupMs} ms warm-up; medians (node ${result.node}, ${result.cpus} cpus)`);
  log('parser      MB/s      µs/271');
  log(`@bvs/x12    ${String(result.ours.mbPerSec).padEnd(9)} ${result.ours.usPer271}`);
  log(`node-x12    ${String(result.nodeX12.mbPerSec).padEnd(9)} ${result.nodeX12.usPer271}`);
  log(`ratio       ${result.ratio}x (rounds ${result.ratioMin}x..${result.ratioMax}x)`);
  if (skipped.length > 0) log(`skipped (${skipped.length}): ${skipped.join(', ')}`);
  log(JSON.stringify({ bench: 'x12-parse', ...result }));
  return result;
}

if (require.main === module) runX12Bench();
