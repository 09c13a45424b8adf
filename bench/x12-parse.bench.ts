// Parse throughput of @bvs/x12 parse271 vs node-x12 on the corpus 271 files that both accept.
// Run: npm run bench:x12. Prints a short table and one JSON line; runX12Bench() is reusable
// (bench/run-all.ts). Method: both parsers get the same input set (every corpus 271 that
// node-x12 parses in strict mode and we parse); after a warm-up, `rounds` rounds are run and each
// round times both parsers back to back, alternating which goes first, so machine noise hits both
// alike. Headline figures use wall-clock time; process CPU time figures (which other work on a
// shared machine does not inflate) are printed next to them. Figures are medians over the
// rounds; the ratio is the median of the per-round ratios (ours / node-x12 throughput).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse271 } from '@bvs/x12';

// node-x12 ships CommonJS without a module declaration we want to depend on; type the bit we use.
interface NodeX12Parser {
  parse(edi: string): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- node-x12 ships no types; the baseline is typed by hand above
const { X12Parser } = require('node-x12') as { X12Parser: new (strict?: boolean) => NodeX12Parser };

export interface ParserFigures {
  /** Median MB/s (10^6 bytes of UTF-8 input per second). */
  mbPerSec: number;
  /** Median µs per 271 transaction set. */
  usPer271: number;
}

export interface X12BenchResult {
  /** Time base of the headline figures: wall-clock, or CPU time of the process (robust to other load). */
  clock: 'cpu' | 'wall';
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
  /** The same figures on the other clock. */
  other: { clock: 'cpu' | 'wall'; ours: ParserFigures; nodeX12: ParserFigures; ratio: number };
  node: string;
  cpus: number;
  skipped: string[];
}

export interface X12BenchOptions {
  corpusDir?: string;
  /** Measured rounds (default 15); each round times both parsers. */
  rounds?: number;
  /** Time per parser per round in ms (default 250). */
  roundMs?: number;
  /**
   * Clock for the headline figures: 'wall' (default, elapsed time) or 'cpu' (process CPU time, so
   * other work on a shared machine does not count against either parser; env X12_BENCH_CLOCK=cpu).
   * Both are reported.
   */
  clock?: 'cpu' | 'wall';
  /** Warm-up per parser in ms before the rounds (default 1000). */
  warmupMs?: number;
  log?: (line: string) => void;
  /** Parser under test (default parse271); lets a branch be compared against another build. */
  parser?: (text: string) => unknown;
}

interface Sample {
  name: string;
  text: string;
  sets: number;
}

const DEFAULT_CORPUS = path.resolve(__dirname, '..', 'test', 'fixtures', 'x12');

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

interface Timing {
  passes: number;
  /** Wall-clock ns. */
  ns: number;
  /** CPU ns of this process (user + system, GC helper threads included). */
  cpuNs: number;
}

/** Runs `fn` over all samples repeatedly for at least `ms`; returns passes, wall and CPU time. */
function measure(samples: Sample[], fn: (text: string) => unknown, ms: number): Timing {
  let passes = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(ms * 1e6));
  let now = start;
  do {
    for (const s of samples) if (fn(s.text)) sink++;
    passes++;
    now = process.hrtime.bigint();
  } while (now < deadline);
  const cpu = process.cpuUsage(cpu0);
  return { passes, ns: Number(now - start), cpuNs: (cpu.user + cpu.system) * 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function runX12Bench(options: X12BenchOptions = {}): X12BenchResult {
  const dir = options.corpusDir ?? process.env.X12_CORPUS_DIR ?? DEFAULT_CORPUS;
  const rounds = Math.max(1, options.rounds ?? 15);
  const roundMs = options.roundMs ?? 250;
  const warmupMs = options.warmupMs ?? 1000;
  const clock = options.clock ?? (process.env.X12_BENCH_CLOCK === 'cpu' ? 'cpu' : 'wall');
  const log = options.log ?? ((l: string) => console.log(l));
  const { samples, skipped } = loadCorpus(dir);
  if (samples.length === 0) throw new Error(`no 271 in ${dir} is accepted by both parsers`);
  const bytes = samples.reduce((n, s) => n + Buffer.byteLength(s.text), 0);
  const sets = samples.reduce((n, s) => n + s.sets, 0);

  const ours = options.parser ?? ((t: string) => parse271(t));
  const theirs = (t: string) => new X12Parser(true).parse(t);
  measure(samples, ours, warmupMs);
  measure(samples, theirs, warmupMs);

  const pairs: { a: Timing; b: Timing }[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which parser goes first so drift (thermal, other load) hits both alike.
    if (r % 2 === 0) {
      const a = measure(samples, ours, roundMs);
      pairs.push({ a, b: measure(samples, theirs, roundMs) });
    } else {
      const b = measure(samples, theirs, roundMs);
      pairs.push({ a: measure(samples, ours, roundMs), b });
    }
  }
  if (sink < 0) console.log(sink); // keep the results observable so nothing is optimised away

  const mbPerSec = (m: Timing, c: 'cpu' | 'wall') => (bytes * m.passes) / ((c === 'cpu' ? m.cpuNs : m.ns) / 1e9) / 1e6;
  // µs per 271 follows from MB/s: the same bytes and sets are parsed in every pass.
  const figures = (mb: number): ParserFigures => ({ mbPerSec: round2(mb), usPer271: round2((bytes / (mb * 1e6) / sets) * 1e6) });
  const summarise = (c: 'cpu' | 'wall') => {
    const ratios = pairs.map((p) => mbPerSec(p.a, c) / mbPerSec(p.b, c));
    return {
      ours: figures(median(pairs.map((p) => mbPerSec(p.a, c)))),
      nodeX12: figures(median(pairs.map((p) => mbPerSec(p.b, c)))),
      ratio: round2(median(ratios)),
      ratioMin: round2(Math.min(...ratios)),
      ratioMax: round2(Math.max(...ratios)),
    };
  };
  const main = summarise(clock);
  const otherClock = clock === 'cpu' ? 'wall' : 'cpu';
  const alt = summarise(otherClock);
  const result: X12BenchResult = {
    clock,
    files: samples.length,
    bytes,
    transactionSets: sets,
    rounds,
    roundMs,
    ...main,
    other: { clock: otherClock, ours: alt.ours, nodeX12: alt.nodeX12, ratio: alt.ratio },
    node: process.version,
    cpus: os.cpus().length,
    skipped,
  };

  log(`x12 parse bench: ${samples.length} corpus 271 files accepted by both, ${sets} transaction sets, ${bytes} bytes per pass`);
  log(`${rounds} rounds x ${roundMs} ms per parser after ${warmupMs} ms warm-up; medians (node ${result.node}, ${result.cpus} cpus)`);
  log(`parser      MB/s (${clock})  µs/271 (${clock})  MB/s (${otherClock})  µs/271 (${otherClock})`);
  const row = (name: string, a: ParserFigures, b: ParserFigures) =>
    log(`${name.padEnd(12)}${String(a.mbPerSec).padEnd(12)}${String(a.usPer271).padEnd(15)}${String(b.mbPerSec).padEnd(13)}${b.usPer271}`);
  row('@bvs/x12', result.ours, alt.ours);
  row('node-x12', result.nodeX12, alt.nodeX12);
  log(`ratio       ${result.ratio}x (${clock}; rounds ${result.ratioMin}x..${result.ratioMax}x), ${alt.ratio}x (${otherClock})`);
  if (skipped.length > 0) log(`skipped (${skipped.length}): ${skipped.join(', ')}`);
  log(JSON.stringify({ bench: 'x12-parse', ...result }));
  return result;
}

if (require.main === module) runX12Bench();
