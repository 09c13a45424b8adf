import { stringify } from 'csv-stringify/sync';
import { LEVELS_OF_CARE, type LevelOfCareSummary, type NetworkTerms } from '@bvs/coverage';
import type { BatchRow, VerificationRecord } from '@bvs/store';

export interface LevelResult {
  covered: 'covered' | 'not_covered' | 'unknown' | null;
  /** The patient's share in the center's network, in words: "20% after deductible", "30.00 copay per visit". */
  costShare: string | null;
  priorAuthorization: 'required' | 'not_required' | null;
}

/** One row of a batch's results. */
export interface BatchResultLine {
  row: number;
  rowKey: string | null;
  verificationId: string | null;
  status: string;
  coverageActive: boolean | null;
  levelsOfCare: Partial<Record<(typeof LEVELS_OF_CARE)[number], LevelResult>>;
  reviewReasons: string[];
  errors: string[];
}

function costShare(terms: NetworkTerms | undefined): string | null {
  if (!terms) return null;
  const parts: string[] = [];
  if (terms.copay) parts.push(`${terms.copay.amount} copay${terms.copay.per ? ` per ${terms.copay.per}` : ''}`);
  if (terms.coinsurancePercent !== undefined) parts.push(`${terms.coinsurancePercent}% coinsurance`);
  if (parts.length === 0) return terms.notCovered ? 'not covered' : null;
  return `${parts.join(' + ')}${terms.deductibleApplies ? ' after deductible' : ''}`;
}

function levelResult(level: LevelOfCareSummary | undefined): LevelResult {
  if (!level) return { covered: null, costShare: null, priorAuthorization: null };
  const network = level.estimate?.network ?? 'inNetwork';
  const auth = level.priorAuthorizationRequired;
  return {
    covered: level.status,
    costShare: costShare(level[network]),
    priorAuthorization: auth === true ? 'required' : auth === false ? 'not_required' : null,
  };
}

/** A row's result: the verification's outcome, or the row's errors when it was refused. */
export function resultLine(row: BatchRow, record: VerificationRecord | null): BatchResultLine {
  const base = { row: row.row, rowKey: row.rowKey ?? null, verificationId: row.verificationId ?? null };
  if (!row.verificationId || !record) {
    return {
      ...base,
      status: row.errors?.length ? 'rejected' : row.verificationId ? 'expired' : 'not_started',
      coverageActive: null,
      levelsOfCare: {},
      reviewReasons: [],
      errors: (row.errors ?? []).map((e) => `${e.field}: ${e.message}`),
    };
  }
  const summary = record.summary;
  const eligibility = summary?.eligibility.status;
  const levelsOfCare: BatchResultLine['levelsOfCare'] = {};
  for (const level of LEVELS_OF_CARE.filter((l) => record.request.levelsOfCare.includes(l))) {
    levelsOfCare[level] = levelResult(summary?.levelsOfCare[level]);
  }
  return {
    ...base,
    // A payer that does not know the member is its own outcome in a census.
    status: eligibility === 'not_found' ? 'not_found' : record.status,
    coverageActive: eligibility === 'active' ? true : eligibility === 'inactive' ? false : null,
    levelsOfCare,
    reviewReasons: record.review?.reasons ?? [],
    errors: [],
  };
}

export const RESULT_CSV_COLUMNS = [
  'row',
  'rowKey',
  'status',
  'coverageActive',
  ...LEVELS_OF_CARE.flatMap((level) => [`${level}_covered`, `${level}_costShare`, `${level}_priorAuthorization`]),
  'reviewReasons',
  'errors',
  'verificationId',
];

/** A cell as text; one a spreadsheet would run as a formula (=, +, -, @) is quoted with a leading apostrophe. */
function cell(value: string | boolean | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The results as CSV: one line per row, the header first (docs/batches-and-rechecks.md). */
export function resultsCsv(lines: BatchResultLine[]): string {
  const records = lines.map((line) => [
    cell(line.row),
    cell(line.rowKey),
    line.status,
    cell(line.coverageActive),
    ...LEVELS_OF_CARE.flatMap((level) => {
      const result = line.levelsOfCare[level];
      return [cell(result?.covered), cell(result?.costShare), cell(result?.priorAuthorization)];
    }),
    line.reviewReasons.join(' | '),
    line.errors.join(' | '),
    cell(line.verificationId),
  ]);
  return stringify([RESULT_CSV_COLUMNS, ...records]);
}
