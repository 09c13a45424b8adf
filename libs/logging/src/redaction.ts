// Field names that hold patient data anywhere in a logged object. Pino redacts them at any
// depth we generate paths for; X12 payloads are redacted whole.
export const PHI_FIELD_NAMES = [
  'firstName',
  'lastName',
  'middleName',
  'name',
  'dateOfBirth',
  'dob',
  'memberId',
  'member',
  'subscriber',
  'dependent',
  'groupNumber',
  'x12',
  'payload',
  'Payload',
  'x12_270',
  'x12_271',
  'summary',
  'body',
  // The web form's call-back details and what staff write about a patient.
  'contact',
  'phone',
  'email',
  'preferredTime',
  'payerTyped',
  'notes',
] as const;

const DEPTH = 5;

/** Redact paths for every PHI field name down to DEPTH levels (pino needs explicit paths). */
export function phiRedactPaths(): string[] {
  const paths: string[] = [];
  for (const field of PHI_FIELD_NAMES) {
    let prefix = '';
    for (let depth = 0; depth < DEPTH; depth += 1) {
      paths.push(`${prefix}${field}`);
      prefix += '*.';
    }
  }
  paths.push('req.headers.authorization', 'req.headers.cookie', 'req.query');
  return paths;
}
