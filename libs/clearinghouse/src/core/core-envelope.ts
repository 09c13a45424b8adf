import { randomBytes, randomUUID } from 'node:crypto';

// CAQH CORE Phase II connectivity (rule vC2.2.0) envelope fields, shared by the MIME and SOAP
// forms and by the sandbox that answers them. The MIME form carries the submitter's UserName and
// Password as form parts (username/password authentication); the SOAP form carries them in a
// WS-Security UsernameToken instead. The rule's other authentication is an X.509 client
// certificate over TLS (see http/client-certificate.ts), with neither.
export const CORE_RULE_VERSION = '2.2.0';
export const PAYLOAD_TYPE_270 = 'X12_270_Request_005010X279A1';
export const PAYLOAD_TYPE_271 = 'X12_271_Response_005010X279A1';

export interface CoreEnvelope {
  PayloadType: string;
  ProcessingMode: 'RealTime' | 'Batch';
  PayloadID: string;
  TimeStamp: string;
  SenderID: string;
  ReceiverID: string;
  CORERuleVersion: string;
  Payload?: string;
  /** MIME requests only: username/password authentication. */
  UserName?: string;
  Password?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export const CORE_ENVELOPE_FIELDS: readonly (keyof CoreEnvelope)[] = [
  'PayloadType',
  'ProcessingMode',
  'PayloadID',
  'TimeStamp',
  'SenderID',
  'ReceiverID',
  'CORERuleVersion',
  'Payload',
  'UserName',
  'Password',
  'ErrorCode',
  'ErrorMessage',
];

/** Envelope fields a SOAP body carries: SOAP authenticates in its WS-Security header, never in the body. */
export const CORE_SOAP_BODY_FIELDS: readonly (keyof CoreEnvelope)[] = CORE_ENVELOPE_FIELDS.filter(
  (f) => f !== 'UserName' && f !== 'Password',
);

export interface CoreCredentials {
  username: string;
  password: string;
}

/** CORE timestamps are ISO 8601 UTC to the second: 2026-11-27T10:00:00Z. */
export function coreTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function realTimeRequest(x12: string, senderId: string, receiverId: string, credentials?: CoreCredentials): CoreEnvelope {
  const envelope: CoreEnvelope = {
    PayloadType: PAYLOAD_TYPE_270,
    ProcessingMode: 'RealTime',
    PayloadID: randomUUID(),
    TimeStamp: coreTimestamp(),
    SenderID: senderId,
    ReceiverID: receiverId,
    CORERuleVersion: CORE_RULE_VERSION,
    Payload: x12,
  };
  if (credentials) {
    envelope.UserName = credentials.username;
    envelope.Password = credentials.password;
  }
  return envelope;
}

/** An envelope as a FormData (one text part per field), for the sandbox and tests; the transport uses encodeMultipart(). */
export function toFormData(envelope: CoreEnvelope): FormData {
  const form = new FormData();
  for (const field of CORE_ENVELOPE_FIELDS) {
    const value = envelope[field];
    if (value !== undefined) form.append(field, value);
  }
  return form;
}

/**
 * Encodes an envelope as a multipart/form-data body (one text part per field), by hand: the
 * worker's hot path, where a FormData streamed by the HTTP client cost several times more CPU
 * than the exchange itself (issue 19). Values go as their UTF-8 bytes, unchanged.
 */
export function encodeMultipart(envelope: CoreEnvelope): { body: Buffer; contentType: string } {
  const values = CORE_ENVELOPE_FIELDS.flatMap((field) => (envelope[field] === undefined ? [] : [[field, envelope[field]] as const]));
  let boundary: string;
  do boundary = `----bvs${randomBytes(16).toString('hex')}`;
  while (values.some(([, value]) => value.includes(boundary)));
  let text = '';
  for (const [field, value] of values) text += `--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`;
  text += `--${boundary}--\r\n`;
  return { body: Buffer.from(text, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
}

const BOUNDARY = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i;
const FIELD_NAME = /^content-disposition:\s*form-data;(?:.*;)?\s*name="([^"]*)"/im;

/**
 * Reads a multipart/form-data body's text fields into envelope fields (the first part of each
 * name wins). Throws when the body is not multipart/form-data with the content type's boundary.
 */
export function fromMultipart(body: Buffer | string, contentType: string): Promise<Partial<CoreEnvelope>> {
  try {
    return Promise.resolve(readMultipart(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function readMultipart(body: Buffer, contentType: string): Partial<CoreEnvelope> {
  const match = BOUNDARY.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !boundary) throw new Error('not multipart/form-data with a boundary');
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const wanted = new Set<string>(CORE_ENVELOPE_FIELDS);
  const envelope: Partial<Record<keyof CoreEnvelope, string>> = {};
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('no multipart boundary in the body');
  for (;;) {
    at += delimiter.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return envelope as Partial<CoreEnvelope>; // closing "--boundary--"
    const next = body.indexOf(delimiter, at);
    if (next < 0) throw new Error('multipart body ends without its closing boundary');
    // A part: CRLF, headers, a blank line, the value, then CRLF before the next delimiter.
    const part = body.subarray(at, next);
    const headersEnd = part.indexOf('\r\n\r\n');
    if (headersEnd < 0) throw new Error('multipart part without headers');
    const name = FIELD_NAME.exec(part.subarray(0, headersEnd).toString('latin1'))?.[1];
    let end = part.length;
    if (part[end - 2] === 0x0d && part[end - 1] === 0x0a) end -= 2;
    if (name && wanted.has(name) && !(name in envelope))
      envelope[name as keyof CoreEnvelope] = part.subarray(headersEnd + 4, Math.max(headersEnd + 4, end)).toString('utf8');
    at = next;
  }
}
