import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import {
  AvailityTransport,
  CoreMimeTransport,
  CoreSoapTransport,
  type EligibilityReply,
  type EligibilityTransport,
  JsonEligibilityTransport,
  TransportError,
} from '@bvs/clearinghouse';
import { normalizeEligibility } from '@bvs/coverage';
import { type EligibilityInquiry, build270, readEligibility } from '@bvs/x12';
import { createSandboxApp } from './create-sandbox-app';

// Each protocol the sandbox speaks, driven by the real transport class: the same members must
// come back with the same coverage whichever wire format carried them.

const inquiryFor = (memberId: string, firstName: string, lastName: string, dateOfBirth: string): EligibilityInquiry => ({
  payer: { name: 'AETNA', payerId: '60054' },
  provider: { npi: '1234567893', organizationName: 'SUNRISE BEHAVIORAL HEALTH' },
  subscriber: { memberId, firstName, lastName, dateOfBirth },
  serviceTypeCodes: ['30', 'MH', 'CH', 'BB', 'CF'],
  traceNumber: `T${Date.now()}${Math.floor(Math.random() * 1000)}`,
  traceOriginatorId: '1123456789',
  submitterId: 'SUNRISEBHC',
  receiverId: 'SANDBOXCH',
  usageIndicator: 'T',
});

const JANE = inquiryFor('W100000001', 'JANE', 'DOE', '1990-04-12');
const SERVER_ERROR = inquiryFor('W100000500', 'SERVER', 'ERROR', '1980-01-01');
const RETRY_LATER = inquiryFor('W100000042', 'RETRY', 'LATER', '1980-01-01');

const ask = (transport: EligibilityTransport, inquiry: EligibilityInquiry): Promise<EligibilityReply> =>
  transport.check({ inquiry, x12: build270(inquiry), context: { verificationId: 'vrf_test', payerId: inquiry.payer.payerId } });

describe('sandbox clearinghouse protocols', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createSandboxApp({ responseDelayMs: 0, logLevel: 'silent' });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  const common = { senderId: 'SUNRISEBHC', receiverId: 'SANDBOXCH', timeoutMs: 5_000 };
  const protocols: [string, 'x12' | 'json', () => EligibilityTransport][] = [
    ['core-mime', 'x12', () => new CoreMimeTransport({ ...common, url: `${base}/core/realtime`, username: 'sunrise', password: 'secret' })],
    ['core-soap', 'x12', () => new CoreSoapTransport({ ...common, url: `${base}/core/soap`, username: 'sunrise', password: 'secret' })],
    [
      'json (api key)',
      'json',
      () =>
        new JsonEligibilityTransport({
          url: `${base}/eligibility/v3`,
          timeoutMs: 5_000,
          auth: { kind: 'api-key', apiKey: 'test_sandbox_key' },
        }),
    ],
    [
      'availity',
      'x12',
      () =>
        new AvailityTransport({
          url: `${base}/availity/v1/coverages`,
          timeoutMs: 5_000,
          credentials: { tokenUrl: `${base}/availity/v1/token`, clientId: 'sunrise', clientSecret: 'secret', scope: 'hipaa' },
          pollIntervalMs: 10,
          pollTimeoutMs: 5_000,
        }),
    ],
  ];

  describe.each(protocols)('%s', (_name, format, make) => {
    it('answers JANE DOE with IOP 20% in network, prior auth required, deductible 1500.00 / 250.00 remaining', async () => {
      const reply = await ask(make(), JANE);
      expect(reply.format).toBe(format);
      const responses = readEligibility(reply.raw);
      // The JSON face must be read from its JSON fields, not from the x12 it also carries.
      expect(responses[0].format).toBe(format);
      const { summary } = normalizeEligibility(responses);
      expect(summary.eligibility.status).toBe('active');
      expect(summary.eligibility.member).toMatchObject({ memberId: 'W100000001', lastName: 'DOE', dateOfBirth: '1990-04-12' });
      expect(summary.accumulators.inNetwork?.deductible?.individual).toMatchObject({ total: '1500.00', remaining: '250.00' });
      const iop = summary.levelsOfCare.IOP;
      expect(iop).toMatchObject({ status: 'covered', priorAuthorizationRequired: true });
      expect(iop?.inNetwork?.coinsurancePercent).toBe(20);
    });

    it('turns the HTTP 500 member into a retryable server_error', async () => {
      const failure = await ask(make(), SERVER_ERROR).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(TransportError);
      expect(failure).toMatchObject({ kind: 'server_error', retryable: true });
      expect((failure as Error).message).not.toMatch(/W100000500|SERVER|ERROR\b/);
    });

    it('passes the payer-unavailable AAA 42 through on the first inquiry', async () => {
      const reply = await ask(make(), RETRY_LATER);
      const [response] = readEligibility(reply.raw);
      const codes = [...response.source.rejections, ...response.subscribers.flatMap((s) => s.member.rejections)].map((r) => r.reasonCode);
      expect(codes).toContain('42');
      // Cycle the member back to its start so the next protocol sees "first inquiry" again.
      await ask(make(), RETRY_LATER);
      const third = readEligibility((await ask(make(), RETRY_LATER)).raw);
      expect(third[0].source.rejections).toHaveLength(0);
    });
  });

  it('gives the same coverage summary over JSON as over X12', async () => {
    const x12 = normalizeEligibility(readEligibility((await ask(protocols[0][2](), JANE)).raw)).summary;
    const json = normalizeEligibility(readEligibility((await ask(protocols[2][2](), JANE)).raw)).summary;
    expect(json).toEqual(x12);
  });
});
