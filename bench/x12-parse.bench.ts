// Parse throughput of @bvs/x12 parse271 vs node-x12 on every corpus 271 that both accept.
// Run: npm run bench:x12. Prints a table and one JSON line; runX12Bench() is reusable.
import * as fs from 'fs';
import * as path from 'path';
import { parse271 } from '@bvs/x12';

// node-x12 ships CommonJS without a module declaration we want to depend on; type the bit we use.
interface NodeX12Parser {
  parse(edi: string): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { X12Parser } = require('node-x12') as { X12Parser: new (strict?: boolean) => NodeX12Parser };

export interface X12BenchResult {
  files: number;
  bytes: number;
  ours: { mbPerSec: number; usPer271: number };
  nodeX12: { mbPerSec: number; usPer271: number };
  ratio: number; // ours / node-x12 throughput
  skipped: string[];
}

export interface X12BenchOptions {
  corpusDir?: string;
  /** Measurement time per parser in ms (default 2000). */
  measureMs?: number;
  warmupMs?: number;
  log?: (line: string) => void;
}

interface Sample {
  name: string;
  text: string;
  sets: number;
}

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

/** Runs `fn` over all samples repeatedly for `ms`; returns rounds completed and elapsed ns. */
function measure(samples: Sample[], fn: (text: string) => unknown, ms: number): { rounds: number; ns: number } {
  let sink = 0;
  let rounds = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (const s of samples) if (fn(s.text)) sink++;
    rounds++;
    now = process.hrtime.bigint();
  }
  if (sink < 0) console.log(sink); // keep the results observable so nothing is optimised away
  return { rounds, ns: Number(now - start) };
}

export function runX12Bench(options: X12BenchOptions = {}): X12BenchResult {
  const dir = options.corpusDir ?? path.resolve(__dirname, '..', '..', 'shared', 'corpus', 'x12');
  const measureMs = options.measureMs ?? 2000;
  const warmupMs = options.warmupMs ?? 500;
  const log = options.log ?? ((l: string) => console.log(l));
  const { samples, skipped } = loadCorpus(dir);
  const bytes = samples.reduce((n, s) => n + Buffer.byteLength(s.text), 0);
  const sets = samples.reduce((n, s) => n + s.sets, 0);

  const ours = (t: string) => parse271(t);
  const theirs = (t: string) => new X12Parser(true).parse(t);
  measure(samples, ours, warmupMs);
  measure(samples, theirs, warmupMs);
  const a = measure(samples, ours, measureMs);
  const b = measure(samples, theirs, measureMs);

  const stats = (m: { rounds: number; ns: number }) => ({
    mbPerSec: +((bytes * m.rounds) / (m.ns / 1e9) / 1e6).toFixed(2),
    usPer271: +(m.ns / 1e3 / (sets * m.rounds)).toFixed(2),
  });
  const result: X12BenchResult = {
    files: samples.length,
    bytes,
    ours: stats(a),
    nodeX12: stats(b),
    ratio: 0,
    skipped,
  };
  result.ratio = +(result.ours.mbPerSec / result.nodeX12.mbPerSec).toFixed(2);

  log(`x12 parse bench: ${samples.length} corpus 271 files, ${sets} transaction sets, ${bytes} bytes per round, ${measureMs} ms each`);
  log('parser      MB/s      µs/271');
  log(`@bvs/x12    ${String(result.ours.mbPerSec).padEnd(9)} ${result.ours.usPer271}`);
  log(`node-x12    ${String(result.nodeX12.mbPerSec).padEnd(9)} ${result.nodeX12.usPer271}`);
  log(`ratio       ${result.ratio}x`);
  if (skipped.length > 0) log(`skipped: ${skipped.join(', ')}`);
  log(JSON.stringify({ bench: 'x12-parse', ...result }));
  return result;
}

if (require.main === module) runX12Bench();
