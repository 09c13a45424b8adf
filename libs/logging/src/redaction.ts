// Field names that hold patient data anywhere in a logged object. censorPhi() replaces them at
// any depth down to MAX_DEPTH (deeper is censored whole); X12 payloads are redacted whole.
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

export const CENSOR = '[redacted]';

const PHI_KEYS: ReadonlySet<string> = new Set<string>(PHI_FIELD_NAMES);

/** Deeper than this a logged value is censored whole: fail closed, and no cycle runs forever. */
const MAX_DEPTH = 8;

/**
 * `value` with every PHI field (PHI_FIELD_NAMES, at any depth) replaced by CENSOR. Copy on write:
 * the caller's objects are never changed, and a value with nothing to censor is returned as is,
 * so the usual flat log line costs one pass over its keys.
 */
export function censorPhi(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (depth >= MAX_DEPTH) return CENSOR;
  const toJson = (value as { toJSON?: unknown }).toJSON;
  // What JSON.stringify would write is what must be censored.
  if (typeof toJson === 'function') return censorPhi(toJson.call(value), depth + 1);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const censored = censorPhi(item, depth + 1);
      if (censored !== item) (copy ??= value.slice())[i] = censored;
    }
    return copy ?? value;
  }
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const field = source[key];
    const censored = PHI_KEYS.has(key) ? (field === undefined ? undefined : CENSOR) : censorPhi(field, depth + 1);
    if (censored !== field) (copy ??= { ...source })[key] = censored;
  }
  return copy ?? value;
}

/**
 * A pino line (one JSON object and a newline) with its PHI fields censored: pino's streamWrite
 * hook, so it sees the line exactly as written, child bindings and serializers' output included.
 * A line with nothing to censor is passed through unchanged (one JSON.parse). Pino's own path
 * redaction needed 140 wildcard paths for this cover and was the largest single CPU cost of a
 * logged line (issue 19). A line that is not JSON is not written as it is (fail closed).
 */
export function censorLine(line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return `{"msg":"${CENSOR} (a log line that could not be read)"}\n`;
  }
  const censored = censorPhi(parsed);
  return censored === parsed ? line : `${JSON.stringify(censored)}\n`;
}
