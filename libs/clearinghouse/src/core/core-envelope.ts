import { randomUUID } from 'node:crypto';

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

/** Serialises an envelope as multipart/form-data (one text part per field). */
export function toFormData(envelope: CoreEnvelope): FormData {
  const form = new FormData();
  for (const field of CORE_ENVELOPE_FIELDS) {
    const value = envelope[field];
    if (value !== undefined) form.append(field, value);
  }
  return form;
}

/** Reads a multipart/form-data body into envelope fields (undici's parser, no extra dependency). */
export async function fromMultipart(body: Buffer | string, contentType: string): Promise<Partial<CoreEnvelope>> {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- bodies are size-limited before this point, so buffering the form is bounded
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const envelope: Partial<Record<keyof CoreEnvelope, string>> = {};
  for (const field of CORE_ENVELOPE_FIELDS) {
    const value = form.get(field);
    if (typeof value === 'string') envelope[field] = value;
  }
  return envelope as Partial<CoreEnvelope>;
}
