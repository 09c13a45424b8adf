// The commands' flags, checked before the libraries load: a wrong flag answers as fast as --help.
import { UsageError } from './errors';
import { readFlags } from './flags';

const FLAGS = {
  payer: { type: 'string' },
  'member-id': { type: 'string' },
  first: { type: 'string' },
  last: { type: 'string' },
  dob: { type: 'string' },
  network: { type: 'string' },
  group: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const REQUIRED = ['payer', 'member-id', 'first', 'last', 'dob'] as const;

/** Every problem with the flags at once, each named by its flag. */
function checkFlags(values: Record<string, string | boolean | undefined>): string[] {
  const problems: string[] = [];
  const text = (flag: string): string => (typeof values[flag] === 'string' ? values[flag] : '');
  for (const flag of REQUIRED) if (!text(flag)) problems.push(`--${flag} is required`);
  const dob = text('dob');
  if (
    dob &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(dob) ||
      Number.isNaN(Date.parse(`${dob}T00:00:00Z`)) ||
      new Date(`${dob}T00:00:00Z`).toISOString().slice(0, 10) !== dob)
  ) {
    problems.push(`--dob must be a date like 1990-04-12 (got "${dob}")`);
  }
  const memberId = text('member-id');
  if (memberId && !/^[A-Za-z0-9-]{2,80}$/.test(memberId))
    problems.push('--member-id may contain only letters, digits and hyphens (2 to 80)');
  for (const flag of ['first', 'last'] as const) {
    const name = text(flag);
    if (name && !/^[A-Za-z][A-Za-z '.-]{0,59}$/.test(name))
      problems.push(`--${flag} must be a name of letters, spaces, apostrophes, periods or hyphens`);
  }
  const group = text('group');
  if (group && !/^[A-Za-z0-9-]{1,50}$/.test(group)) problems.push('--group may contain only letters, digits and hyphens');
  return problems;
}

export type VerifyFlags = Record<string, string | boolean | undefined>;

/** The flags of `bvs verify` (single verification), every problem at once or a UsageError. */
export function readVerifyFlags(args: string[]): VerifyFlags {
  const { values } = readFlags(args, FLAGS);
  const problems = checkFlags(values);
  if (problems.length > 0) throw new UsageError(problems.join('\n     '));
  return values;
}

/** The flags and file of `bvs normalize`, or a UsageError. */
export function readNormalizeArgs(args: string[]): { file: string; json: boolean } {
  const { values, positionals } = readFlags(args, { json: { type: 'boolean' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('normalize needs a file: bvs normalize <file.x12|file.json>');
  return { file, json: values.json === true };
}
