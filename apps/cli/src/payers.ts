import { loadConfig } from '@bvs/config/core';
import { PayerDirectory } from '@bvs/payers/core';
import { readFlags } from './flags';

export function payers(args: string[]): void {
  const { values } = readFlags(args, { json: { type: 'boolean' } });
  const directory = new PayerDirectory(loadConfig(process.env, { storesRecords: false }).payerIds);
  const entries = directory.list().map((entry) => ({
    key: entry.key,
    name: entry.name,
    kind: entry.kind,
    payerId: entry.routesThrough ? (directory.byKey(entry.routesThrough)?.payerId ?? null) : (entry.payerId ?? null),
    routesThrough: entry.routesThrough ?? null,
    verifiesElectronically: entry.kind !== 'network',
  }));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  const rows = [
    ['key', 'name', 'kind', 'payer id'],
    ...entries.map((e) => [e.key, e.name, e.kind, `${e.payerId ?? '—'}${e.routesThrough ? ` (via ${e.routesThrough})` : ''}`]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    process.stdout.write(`${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}\n`);
}
