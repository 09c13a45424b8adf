import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import pino from 'pino';
import { type EligibilityReply, type EligibilityRequest, EligibilityTransport } from '@bvs/clearinghouse';
import { loadConfig } from '@bvs/config';
import { VerificationLifecycle, draftRecord } from '@bvs/lifecycle';
import { RedisMetrics } from '@bvs/metrics';
import { PayerDirectory } from '@bvs/payers';
import { BullVerificationJobs, WEBHOOK_QUEUE, WebhookNotifier, bullConnection, bullPrefix } from '@bvs/queue';
import { AuditLog, MemberFingerprint, RecordCipher, type VerificationRecord, VerificationStore } from '@bvs/store';
import { type BenefitSpec, type Rejection, write271 } from '@bvs/x12';

type RejectionSpec = Omit<Rejection, 'loop'>;
import { useTestRedis } from '../../../../../libs/store/src/testing/test-redis';
import { PayerCircuitBreaker } from '../circuit-breaker';
import { EligibilityInquirer } from '../eligibility-inquirer';
import type { FollowUpFlow } from '../follow-up-flow';
import { MergeAnswers } from '../merge-answers';
import { RunVerification } from '../run-verification';
import { Settlement } from '../settlement';
import { Summarizer } from '../summarizer';

/** A payer for a spec: answers each 270 from `answer`, or throws what it returns. */
export class ScriptedPayer extends EligibilityTransport {
  readonly name = 'scripted';
  readonly asked: EligibilityRequest[] = [];
  constructor(public answer: (request: EligibilityRequest) => Promise<{ benefits?: BenefitSpec[]; rejections?: RejectionSpec[] }>) {
    super();
  }
  async check(request: EligibilityRequest): Promise<EligibilityReply> {
    this.asked.push(request);
    const { benefits = [], rejections } = await this.answer(request);
    const raw = write271({
      senderId: 'PAYER',
      receiverId: 'CENTER',
      source: {
        name: {
          entityIdentifierCode: 'PR',
          entityTypeQualifier: '2',
          lastNameOrOrganizationName: 'AETNA',
          identificationCodeQualifier: 'PI',
          identificationCode: '60054',
        },
        ...(rejections ? { rejections } : {}),
      },
      receiver: {
        name: {
          entityIdentifierCode: '1P',
          entityTypeQualifier: '2',
          lastNameOrOrganizationName: 'CENTER',
          identificationCodeQualifier: 'XX',
          identificationCode: '1234567893',
        },
      },
      ...(rejections
        ? {}
        : {
            subscriber: {
              name: {
                entityIdentifierCode: 'IL',
                entityTypeQualifier: '1',
                lastNameOrOrganizationName: 'DOE',
                firstName: 'JANE',
                identificationCodeQualifier: 'MI',
                identificationCode: 'W100000001',
              },
              benefits,
            },
          }),
    });
    return { format: 'x12', raw };
  }
}

/** Explicit IOP / PHP / OP benefits: a verification that completes. */
export const EXPLICIT: BenefitSpec[] = [
  { informationCode: '1', coverageLevelCode: 'IND', serviceTypeCodes: ['30'] },
  ...(['C', 'G'] as const).flatMap((code) => [
    {
      informationCode: code,
      coverageLevelCode: 'IND',
      serviceTypeCodes: ['30'],
      timePeriodQualifier: '23',
      monetaryAmount: code === 'C' ? '1500' : '5000',
      inPlanNetwork: 'Y',
    },
    {
      informationCode: code,
      coverageLevelCode: 'IND',
      serviceTypeCodes: ['30'],
      timePeriodQualifier: '29',
      monetaryAmount: code === 'C' ? '250' : '3380',
      inPlanNetwork: 'Y',
    },
  ]),
  ...['CH', 'BB', 'CF'].map((code) => ({
    informationCode: 'A',
    coverageLevelCode: 'IND',
    serviceTypeCodes: [code],
    percent: '0.2',
    authorizationRequired: 'N',
    inPlanNetwork: 'Y',
  })),
];

/** The worker's eligibility path wired by hand on the real Redis (no Nest), for specs. */
export function useWorkerHarness(payer: ScriptedPayer) {
  const testRedis = useTestRedis();
  const config = loadConfig({
    NODE_ENV: 'production',
    RECORD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
    // Never reached: the scripted payer answers in place of a transport.
    CLEARINGHOUSE_URL: 'http://127.0.0.1:9/unused',
    REDIS_PREFIX: testRedis.prefix,
    REUSE_WINDOW_HOURS: '24',
  });
  const directory = new PayerDirectory({});
  const parts = {} as {
    store: VerificationStore;
    lifecycle: VerificationLifecycle;
    breaker: PayerCircuitBreaker;
    run: RunVerification;
    settlement: Settlement;
    merge: MergeAnswers;
    inquirer: EligibilityInquirer;
    summarizer: Summarizer;
    webhookQueue: Queue;
    fingerprint: MemberFingerprint;
    metrics: RedisMetrics;
  };
  const queues: Queue[] = [];
  beforeAll(() => {
    const redis = testRedis.redis();
    const key = randomBytes(32);
    const store = new VerificationStore(redis, new RecordCipher(new Map([['k1', key]]), 'k1'), {
      prefix: testRedis.prefix,
      retentionSeconds: 600,
    });
    const connection = { connection: bullConnection(config.redis.url), prefix: bullPrefix(testRedis.prefix) };
    const webhookQueue = new Queue(WEBHOOK_QUEUE, connection);
    const eligibilityQueue = new Queue('eligibility', connection);
    queues.push(webhookQueue, eligibilityQueue);
    const metrics = new RedisMetrics(redis, testRedis.prefix, 10);
    const fingerprint = new MemberFingerprint(key);
    const lifecycle = new VerificationLifecycle({
      store,
      metrics,
      webhooks: new WebhookNotifier(webhookQueue, store, config.webhooks),
      audit: new AuditLog(redis, testRedis.prefix),
      fingerprint,
      reuseWindowMs: config.window.reuseWindowMs,
      jobs: new BullVerificationJobs(eligibilityQueue, config.jobs),
    });
    const breaker = new PayerCircuitBreaker(redis, testRedis.prefix, { failureThreshold: 2, openMs: 60_000, probeMs: 1_000 });
    const inquirer = new EligibilityInquirer(payer, directory, store, config);
    const summarizer = new Summarizer(inquirer, config);
    const settlement = new Settlement(lifecycle, directory);
    const logger = pino({ level: 'silent' });
    const followUps = { schedule: () => Promise.resolve() } as unknown as FollowUpFlow;
    const run = new RunVerification(
      store,
      lifecycle,
      directory,
      inquirer,
      breaker,
      settlement,
      summarizer,
      followUps,
      fingerprint,
      metrics,
      logger,
    );
    const merge = new MergeAnswers(store, directory, summarizer, settlement, logger);
    Object.assign(parts, { store, lifecycle, breaker, run, settlement, merge, inquirer, summarizer, webhookQueue, fingerprint, metrics });
  });
  afterAll(async () => {
    for (const queue of queues) {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });

  /** A new queued verification for JANE DOE at Aetna, stored through the lifecycle. */
  const newVerification = async (overrides: Partial<VerificationRecord> = {}): Promise<VerificationRecord> => {
    const now = new Date();
    const route = directory.route('aetna', undefined, 'W100000001');
    const { warnings: _warnings, ...stored } = route;
    return parts.lifecycle.create(
      draftRecord({
        id: `vrf_${randomBytes(16).toString('hex')}`,
        channel: 'intake',
        payer: { key: 'aetna', name: 'Aetna', payerId: route.payerId },
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        deadline: new Date(now.getTime() + 86_400_000).toISOString(),
        request: {
          payerInput: 'aetna',
          member: { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' },
          levelsOfCare: ['IOP', 'PHP', 'OP'],
          program: { sessionsPerWeek: 3, weeks: 4 },
          callbackUrl: 'https://intake.example/hooks',
        },
        owner: 'intake:test',
        route: stored,
        ...overrides,
      }),
    );
  };
  return { parts, newVerification, config, prefix: testRedis.prefix, redis: testRedis.redis };
}
