import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { CreateVerificationDto } from '../verifications/dto/create-verification.dto';
import { flattenValidationErrors } from '../http/validation';
import type { ErrorDetail } from '../http/api-error';

/** At most this many rows per batch. */
export const MAX_BATCH_ROWS = 5_000;

/**
 * The CSV header of a batch (docs/batches-and-rechecks.md). Every column but payer, memberId,
 * firstName, lastName and dateOfBirth may be left empty or left out; columns may come in any order.
 */
export const BATCH_CSV_COLUMNS = [
  'rowKey',
  'payer',
  'network',
  'memberId',
  'firstName',
  'lastName',
  'dateOfBirth',
  'subscriberId',
  'subscriberFirstName',
  'subscriberLastName',
  'subscriberDateOfBirth',
  'groupNumber',
  'levelsOfCare',
  'plannedStart',
  'sessionsPerWeek',
  'weeks',
  'recheckHoursBeforeStart',
  'callbackUrl',
] as const;
type CsvColumn = (typeof BATCH_CSV_COLUMNS)[number];

/** A row as submitted: the caller's row key and the body of a verification. */
export interface SubmittedRow {
  row: number;
  rowKey?: string;
  body: Record<string, unknown>;
  /** Problems found before validation (an unknown column value, a bad row key). */
  errors: ErrorDetail[];
}

export interface ValidRow {
  row: number;
  rowKey?: string;
  dto: CreateVerificationDto;
}

export class BatchFormatError extends Error {}

const ROW_KEY = /^[\x21-\x7e]{1,200}$/;

function integer(value: string, column: CsvColumn, errors: ErrorDetail[]): number | undefined {
  if (value === '') return undefined;
  if (!/^\d+$/.test(value)) {
    errors.push({ field: column, message: `${column} must be a whole number` });
    return undefined;
  }
  return Number(value);
}

/** One CSV record as the JSON body of a verification (empty cells are absent fields). */
function csvRecordToBody(record: Record<string, string>, errors: ErrorDetail[]): Record<string, unknown> {
  const cell = (column: CsvColumn): string => (record[column] ?? '').trim();
  const body: Record<string, unknown> = {
    payer: cell('payer'),
    member: {
      id: cell('memberId') || undefined,
      firstName: cell('firstName'),
      lastName: cell('lastName'),
      dateOfBirth: cell('dateOfBirth'),
    },
  };
  if (cell('network')) body.network = cell('network');
  if (cell('subscriberId') || cell('subscriberFirstName') || cell('subscriberLastName') || cell('subscriberDateOfBirth')) {
    body.subscriber = {
      id: cell('subscriberId') || undefined,
      firstName: cell('subscriberFirstName'),
      lastName: cell('subscriberLastName'),
      dateOfBirth: cell('subscriberDateOfBirth'),
    };
  }
  if (cell('groupNumber')) body.groupNumber = cell('groupNumber');
  // Levels of care are separated by spaces, | or ; (a comma would split the cell).
  if (cell('levelsOfCare'))
    body.levelsOfCare = cell('levelsOfCare')
      .toUpperCase()
      .split(/[\s|;]+/)
      .filter(Boolean);
  if (cell('plannedStart')) body.plannedStart = cell('plannedStart');
  const sessionsPerWeek = integer(cell('sessionsPerWeek'), 'sessionsPerWeek', errors);
  const weeks = integer(cell('weeks'), 'weeks', errors);
  if (sessionsPerWeek !== undefined || weeks !== undefined) body.program = { sessionsPerWeek, weeks };
  const hours = integer(cell('recheckHoursBeforeStart'), 'recheckHoursBeforeStart', errors);
  if (hours !== undefined) body.recheck = { hoursBeforeStart: hours };
  if (cell('callbackUrl')) body.callbackUrl = cell('callbackUrl');
  return body;
}

/** Reads a `text/csv` batch: a header line naming the columns, then one verification per line. */
export function readCsvBatch(text: string): SubmittedRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new BatchFormatError(`The CSV could not be read: ${error instanceof Error ? error.message.split('\n')[0] : 'malformed'}`);
  }
  const header = records.length > 0 ? Object.keys(records[0]) : [];
  const unknown = header.filter((column) => !(BATCH_CSV_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0)
    throw new BatchFormatError(`Unknown CSV column(s): ${unknown.join(', ')}. The header is: ${BATCH_CSV_COLUMNS.join(',')}`);
  return records.map((record, index) => {
    const errors: ErrorDetail[] = [];
    const body = csvRecordToBody(record, errors);
    const rowKey = (record.rowKey ?? '').trim();
    return { row: index + 1, ...(rowKey ? { rowKey } : {}), body, errors };
  });
}

/** Reads a JSON batch: an array of verification bodies, each with an optional `rowKey`. */
export function readJsonBatch(value: unknown): SubmittedRow[] {
  const rows: unknown = Array.isArray(value) ? value : (value as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new BatchFormatError('A JSON batch is an array of verification requests (or { "rows": [...] }).');
  return rows.map((item: unknown, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { row: index + 1, body: {}, errors: [{ field: 'row', message: 'each row must be a JSON object' }] };
    }
    const { rowKey, ...body } = item as Record<string, unknown>;
    const errors: ErrorDetail[] = [];
    if (rowKey !== undefined && typeof rowKey !== 'string') errors.push({ field: 'rowKey', message: 'rowKey must be a string' });
    return { row: index + 1, ...(typeof rowKey === 'string' ? { rowKey } : {}), body, errors };
  });
}

/**
 * Validates every row with the verification body's own rules (the same DTO and options as
 * POST /v1/verifications), so a batch row is refused exactly when a single request would be.
 */
export function validateRows(rows: SubmittedRow[]): {
  valid: ValidRow[];
  invalid: { row: number; rowKey?: string; errors: ErrorDetail[] }[];
} {
  const valid: ValidRow[] = [];
  const invalid: { row: number; rowKey?: string; errors: ErrorDetail[] }[] = [];
  const seenKeys = new Set<string>();
  for (const submitted of rows) {
    const errors = [...submitted.errors];
    if (submitted.rowKey !== undefined) {
      if (!ROW_KEY.test(submitted.rowKey))
        errors.push({ field: 'rowKey', message: 'rowKey must be 1 to 200 printable characters without spaces' });
      else if (seenKeys.has(submitted.rowKey)) errors.push({ field: 'rowKey', message: 'rowKey appears more than once in this batch' });
      seenKeys.add(submitted.rowKey);
    }
    const dto = plainToInstance(CreateVerificationDto, submitted.body);
    // A row that is not an object has nothing more to say than that.
    if (!errors.some((e) => e.field === 'row'))
      errors.push(
        ...flattenValidationErrors(
          validateSync(dto, {
            whitelist: true,
            forbidNonWhitelisted: true,
            forbidUnknownValues: true,
            validationError: { target: false, value: false },
          }),
        ),
      );
    const keyed = submitted.rowKey !== undefined ? { rowKey: submitted.rowKey } : {};
    if (errors.length > 0) invalid.push({ row: submitted.row, ...keyed, errors });
    else valid.push({ row: submitted.row, ...keyed, dto });
  }
  return { valid, invalid };
}
