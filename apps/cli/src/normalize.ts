import { readFileSync } from 'node:fs';
import { normalizeEligibility } from '@bvs/coverage';
import { isX12Error, readEligibility } from '@bvs/x12';
import { UsageError } from './errors';
import { readFlags } from './flags';
import { summaryTable } from './table';
import { identifyX12 } from './x12-kind';

export function normalize(args: string[]): void {
  const { values, positionals } = readFlags(args, { json: { type: 'boolean' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('normalize needs a file: bvs normalize <file.x12|file.json>');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  const kind = identifyX12(text);
  if (kind) throw new Error(`${file} is ${kind.description}`);
  let result;
  try {
    result = normalizeEligibility(readEligibility(text));
  } catch (error) {
    if (isX12Error(error)) throw new Error(`${file} is not a readable 271 eligibility response (${error.code}: ${error.message})`);
    throw error;
  }
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${summaryTable(result.summary, result.reviewReasons)}\n`);
}
