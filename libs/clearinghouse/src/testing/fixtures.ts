import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { type EligibilityInquiry, build270 } from '@bvs/x12';
import { type EligibilityRequest, TransportError } from '../transport';

// Test-only helpers shared by the transport specs.

export const JANE_INQUIRY: EligibilityInquiry = {
  payer: { name: 'AETNA', payerId: '60054' },
  provider: { npi: '1234567893', organizationName: 'SUNRISE BEHAVIORAL HEALTH' },
  subscriber: { memberId: 'W100000001', firstName: 'JANE', lastName: 'DOE', dateOfBirth: '1990-04-12', groupNumber: 'GRP100001' },
  serviceTypeCodes: ['30', 'MH', 'CH'],
  dateOfService: '2026-11-30',
  traceNumber: 'TRACE0001',
  traceOriginatorId: '1123456789',
  submitterId: 'SUNRISEBHC',
  receiverId: 'SANDBOXCH',
  usageIndicator: 'T',
  interchangeControlNumber: '000000123',
  createdAt: new Date('2026-11-27T10:00:00Z'),
};

export function janeRequest(): EligibilityRequest {
  return { inquiry: JANE_INQUIRY, x12: build270(JANE_INQUIRY), context: { verificationId: 'vrf_test', payerId: '60054' } };
}

/** A stand-in 271: transports return it verbatim without reading it. */
export const FAKE_271 =
  'ISA*00*          *00*          *ZZ*SANDBOXCH      *ZZ*SUNRISEBHC     *261127*1000*^*00501*000000001*0*T*:~ST*271*0001~SE*2*0001~';

export const PHI = /W100000001|JANE|DOE|1990-?04-?12/;

export async function transportFailure(promise: Promise<unknown>): Promise<TransportError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof TransportError)) throw new Error(`expected a TransportError, got ${String(outcome)}`);
  // No failure may carry PHI into logs.
  expect(outcome.message).not.toMatch(PHI);
  return outcome;
}

/**
 * nock for one suite: no real connections while it runs, and its interceptor taken off at the
 * end. Jest loads nock afresh for every test file while node:http is one module for the whole
 * run, so an interceptor left on would wrap every later suite's real sockets (layer upon layer).
 */
export function isolateNetwork(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.disableNetConnect();
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}

/**
 * A loopback URL nothing listens on: a real ECONNREFUSED. (nock's replyWithError can surface as
 * an unhandled socket error while a streamed body is still being written.)
 */
export async function refusedUrl(path: string): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  nock.enableNetConnect('127.0.0.1');
  return `http://127.0.0.1:${port}${path}`;
}
