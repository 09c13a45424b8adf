import { readFileSync } from 'node:fs';
import { normalizeEligibility } from '@bvs/coverage';
import { isX12Error, readEligibility } from '@bvs/x12';
import { summaryTable } from './table';
import { identifyX12 } from './x12-kind';

/** The summary of a 271 file; its flags are checked first (readNormalizeArgs in command-flags.ts). */
export function normalize({ file, json }: { file: string; json: boolean }): void {
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
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${summaryTable(result.summary, result.reviewReasons)}\n`);
}
