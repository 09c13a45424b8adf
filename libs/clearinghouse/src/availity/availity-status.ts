import { TransportError } from '../transport';

// Availity coverage request status codes (statusCode on the coverage): 0 In Progress,
// 1 Retrying (the payer did not answer yet; Availity retries), 4 Complete, 3 a payer or
// communication error, 7 and above request errors.
export type CoverageProgress = { kind: 'pending' } | { kind: 'complete' } | { kind: 'failed'; error: TransportError };

export function coverageProgress(statusCode: unknown): CoverageProgress {
  const code = typeof statusCode === 'number' ? String(statusCode) : typeof statusCode === 'string' ? statusCode.trim() : '';
  if (code === '0' || code === '1') return { kind: 'pending' };
  if (code === '4') return { kind: 'complete' };
  if (!/^\d{1,3}$/.test(code)) {
    return { kind: 'failed', error: new TransportError('malformed_response', 'Availity coverage carried no status code', true) };
  }
  if (Number(code) >= 7) {
    return { kind: 'failed', error: new TransportError('client_error', `Availity coverage request error (status ${code})`, false) };
  }
  return { kind: 'failed', error: new TransportError('envelope_error', `Availity coverage payer error (status ${code})`, true) };
}
