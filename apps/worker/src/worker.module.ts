import { getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { DestinationStream } from 'pino';
import { AppConfig, APP_CONFIG, ConfigModule } from '@bvs/config';
import { EligibilityTransport, createTransport } from '@bvs/clearinghouse';
import { LoggingModule } from '@bvs/logging';
import { RedisMetrics } from '@bvs/metrics';
import { PayerDirectory } from '@bvs/payers';
import { QueueModule, WEBHOOK_QUEUE, WebhookNotifier } from '@bvs/queue';
import { MemberFingerprint, REDIS, StoreModule, VerificationStore } from '@bvs/store';
import { PayerCircuitBreaker } from './eligibility/circuit-breaker';
import { EligibilityInquirer } from './eligibility/eligibility-inquirer';
import { EligibilityWorker } from './eligibility/eligibility.worker';
import { RunVerification } from './eligibility/run-verification';
import { Settlement } from './eligibility/settlement';
import { EscalationSweep } from './maintenance/escalation-sweep';
import { MaintenanceWorker } from './maintenance/maintenance.worker';
import { DeliverWebhook } from './webhooks/deliver-webhook';
import { WebhookWorker } from './webhooks/webhook.worker';
import { WorkerHealthServer } from './worker-health.server';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logStream?: DestinationStream): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot({ app: 'worker', level: config.logLevel, stream: logStream }),
        StoreModule.forRoot({ failFast: false }),
        QueueModule.forRoot({ failFast: false }),
      ],
      providers: [
        { provide: PayerDirectory, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new PayerDirectory(c.payerIds) },
        { provide: EligibilityTransport, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createTransport(c) },
        { provide: RedisMetrics, inject: [REDIS, APP_CONFIG], useFactory: (r: Redis, c: AppConfig) => new RedisMetrics(r, c.redis.prefix) },
        {
          provide: PayerCircuitBreaker,
          inject: [REDIS, APP_CONFIG],
          useFactory: (r: Redis, c: AppConfig) => new PayerCircuitBreaker(r, c.redis.prefix, c.circuitBreaker),
        },
        {
          provide: MemberFingerprint,
          inject: [APP_CONFIG],
          useFactory: (c: AppConfig) => new MemberFingerprint(c.records.keys.get(c.records.currentKeyId) as Buffer),
        },
        {
          provide: WebhookNotifier,
          inject: [getQueueToken(WEBHOOK_QUEUE), VerificationStore, APP_CONFIG],
          useFactory: (queue: Queue, store: VerificationStore, c: AppConfig) => new WebhookNotifier(queue, store, c.webhooks),
        },
        EligibilityInquirer,
        Settlement,
        RunVerification,
        EligibilityWorker,
        DeliverWebhook,
        WebhookWorker,
        EscalationSweep,
        MaintenanceWorker,
        WorkerHealthServer,
      ],
    };
  }
}
