import { DynamicModule, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import type { DestinationStream } from 'pino';
import { AppConfig, APP_CONFIG, ConfigModule } from '@bvs/config';
import { EligibilityTransport, createTransport } from '@bvs/clearinghouse';
import { LoggingModule } from '@bvs/logging';
import { VERIFICATION_LIFECYCLE_PROVIDER } from '@bvs/lifecycle/nest';
import { MetricsModule } from '@bvs/metrics';
import { PayersModule } from '@bvs/payers';
import { QueueModule } from '@bvs/queue';
import { REDIS, StoreModule } from '@bvs/store';
import { PayerCircuitBreaker } from './eligibility/circuit-breaker';
import { EligibilityInquirer } from './eligibility/eligibility-inquirer';
import { EligibilityWorker } from './eligibility/eligibility.worker';
import { RunVerification } from './eligibility/run-verification';
import { Settlement } from './eligibility/settlement';
import { Summarizer } from './eligibility/summarizer';
import { FollowUpFlow } from './eligibility/follow-up-flow';
import { FollowUpInquiry } from './eligibility/follow-up-inquiry';
import { MergeAnswers } from './eligibility/merge-answers';
import { EscalationSweep } from './maintenance/escalation-sweep';
import { MaintenanceWorker } from './maintenance/maintenance.worker';
import { DeliverWebhook } from './webhooks/deliver-webhook';
import { WebhookWorker } from './webhooks/webhook.worker';
import { WorkerHealthServer } from './worker-health.server';
import { RecheckWorker } from './recheck/recheck.worker';
import { StartRecheck } from './recheck/start-recheck';

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
        MetricsModule,
        PayersModule,
      ],
      providers: [
        { provide: EligibilityTransport, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createTransport(c) },
        {
          provide: PayerCircuitBreaker,
          inject: [REDIS, APP_CONFIG],
          // The half-open probe gets the time of one payer call (and a margin) before another may go.
          useFactory: (r: Redis, c: AppConfig) =>
            new PayerCircuitBreaker(r, c.redis.prefix, { ...c.circuitBreaker, probeMs: c.clearinghouse.timeoutMs * 2 }),
        },
        VERIFICATION_LIFECYCLE_PROVIDER,
        EligibilityInquirer,
        Settlement,
        Summarizer,
        FollowUpFlow,
        FollowUpInquiry,
        MergeAnswers,
        RunVerification,
        EligibilityWorker,
        DeliverWebhook,
        WebhookWorker,
        EscalationSweep,
        MaintenanceWorker,
        WorkerHealthServer,
        StartRecheck,
        RecheckWorker,
      ],
    };
  }
}
