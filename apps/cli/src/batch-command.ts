import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

// `verify --csv in.csv --out results.csv`: a CSV census through the service's batch API
// (POST /v1/batches), with a progress bar and a closing summary table. Safe to re-run after an
// interruption: every row carries a row key (the file's own, or one derived from the row), and
// the batch's Idempotency-Key is derived from the rows, so a re-run finds the same batch and the
// same verifications instead of asking the payers again.

export const BATCH_USAGE = `  npm run cli -- verify --csv in.csv --out results.csv [--api http://127.0.0.1:3000] [--key-file staff.key] [--poll-ms 1000]`;

interface Progress {
  id: string;
  state: 'creating' | 'running' | 'done' | 'cancelled';
  total: number;
  rejected: number;
  settled: number;
}

interface ResultRow {
  status: string;
  coverageActive: boolean | null;
}

/** Adds a stable row key to rows that have none: a hash of the row and its occurrence, the same on every run. */
export function withRowKeys(records: Record<string, string>[]): Record<string, string>[] {
  const seen = new Map<string, number>();
  return records.map((record) => {
    if (record.rowKey?.trim()) return record;
    const { rowKey: _empty, ...fields } = record;
    const content = JSON.stringify(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    const key = createHash('sha256').update(`${content}#${occurrence}`).digest('hex').slice(0, 24);
    return { rowKey: `r-${key}`, ...fields };
  });
}

/** The closing table: how many rows ended how (completed, in review, not found, inactive, …). */
export function summaryTable(rows: ResultRow[]): string {
  const counts = new Map<string, number>();
  const add = (label: string) => counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const row of rows) {
    if (row.status === 'completed' && row.coverageActive === false) add('inactive');
    else if (row.status === 'needs_review') add('in review');
    else if (row.status === 'not_found') add('not found');
    else add(row.status.replace('_', ' '));
  }
  const order = ['completed', 'in review', 'not found', 'inactive', 'rejected', 'cancelled', 'queued', 'in progress'];
  const labels = [...counts.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  const width = Math.max(8, ...labels.map((l) => l.length));
  const lines = [`${'outcome'.padEnd(width)}  rows`, `${'-'.repeat(width)}  ----`];
  for (const label of labels) lines.push(`${label.padEnd(width)}  ${String(counts.get(label)).padStart(4)}`);
  lines.push(`${'total'.padEnd(width)}  ${String(rows.length).padStart(4)}`);
  return `${lines.join('\n')}\n`;
}

async function call(url: string, init: RequestInit, key: string | undefined): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  const response = await fetch(url, { ...init, headers });
  if (response.status >= 400) {
    const body = await response.text();
    let message = body;
    try {
      message = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body;
    } catch {
      // not JSON: the text as it came
    }
    throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}: ${message}`);
  }
  return response;
}

export async function verifyCsv(args: string[], fail: (message: string) => never): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      csv: { type: 'string' },
      out: { type: 'string' },
      api: { type: 'string', default: 'http://127.0.0.1:3000' },
      'key-file': { type: 'string' },
      'poll-ms': { type: 'string', default: '1000' },
    },
  });
  if (!values.csv || !values.out) fail(`usage:\n${BATCH_USAGE}`);
  const api = values.api.replace(/\/$/, '');
  const key = values['key-file'] ? readFileSync(values['key-file'], 'utf8').trim() : undefined;
  const pollMs = Math.max(200, Number(values['poll-ms']) || 1000);

  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(readFileSync(values.csv, 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  } catch (error) {
    fail(`cannot read ${values.csv}: ${error instanceof Error ? error.message.split('\n')[0] : 'malformed CSV'}`);
  }
  if (records.length === 0) fail(`${values.csv} has no rows`);
  const keyed = withRowKeys(records);
  const body = stringify(keyed, { header: true, columns: Object.keys(keyed[0]) });
  const batchKey = `cli-${createHash('sha256').update(body).digest('hex').slice(0, 40)}`;

  const submitted = await call(
    `${api}/v1/batches`,
    { method: 'POST', headers: { 'content-type': 'text/csv', 'idempotency-key': batchKey }, body },
    key,
  );
  const batch = (await submitted.json()) as Progress & {
    replayed: boolean;
    rejectedRows: { row: number; errors: { field: string; message: string }[] }[];
  };
  process.stderr.write(`batch ${batch.id}${batch.replayed ? ' (resumed: this file was sent before)' : ''}: ${batch.total} rows\n`);
  for (const bad of batch.rejectedRows) {
    process.stderr.write(`  row ${bad.row} refused: ${bad.errors.map((e) => `${e.field} ${e.message}`).join('; ')}\n`);
  }

  const bar = new SingleBar({
    format: '{bar} {percentage}% | {value}/{total} rows settled | {state}',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(batch.total, batch.settled + batch.rejected, { state: batch.state });
  let progress: Progress = batch;
  while (progress.state === 'creating' || progress.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    progress = (await (await call(`${api}/v1/batches/${batch.id}`, {}, key)).json()) as Progress;
    bar.update(progress.settled + progress.rejected, { state: progress.state });
  }
  bar.stop();

  const csv = await (await call(`${api}/v1/batches/${batch.id}/results?format=csv`, {}, key)).text();
  writeFileSync(values.out, csv);
  const json = (await (await call(`${api}/v1/batches/${batch.id}/results?format=json`, {}, key)).json()) as { rows: ResultRow[] };
  process.stdout.write(summaryTable(json.rows));
  process.stderr.write(`results written to ${values.out}\n`);
}
