import type { FactoryProvider } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@bvs/config';
import { RedisMetrics } from '@bvs/metrics';
import { BullRecheckScheduler, BullVerificationJobs, ELIGIBILITY_QUEUE, type VerifyJobData, WebhookNotifier } from '@bvs/queue';
import { AuditLog, MemberFingerprint, VerificationStore } from '@bvs/store';
import { VerificationLifecycle } from './lifecycle';

// The thin Nest wrapper of the framework-free lifecycle (its own entry, @bvs/lifecycle/nest, so
// the library itself imports no framework): one provider for the API and the worker alike.

/** Provides VerificationLifecycle wired to the store, queues, metrics and audit of the module that lists it. */
export const VERIFICATION_LIFECYCLE_PROVIDER: FactoryProvider<VerificationLifecycle> = {
  provide: VerificationLifecycle,
  inject: [
    VerificationStore,
    RedisMetrics,
    WebhookNotifier,
    AuditLog,
    MemberFingerprint,
    getQueueToken(ELIGIBILITY_QUEUE),
    APP_CONFIG,
    BullRecheckScheduler,
  ],
  useFactory: (
    store: VerificationStore,
    metrics: RedisMetrics,
    webhooks: WebhookNotifier,
    audit: AuditLog,
    fingerprint: MemberFingerprint,
    queue: Queue<VerifyJobData>,
    config: AppConfig,
    rechecks: BullRecheckScheduler,
  ) =>
    new VerificationLifecycle({
      store,
      metrics,
      webhooks,
      audit,
      fingerprint,
      reuseWindowMs: config.window.reuseWindowMs,
      jobs: new BullVerificationJobs(queue, config.jobs),
      rechecks,
      recheckHoursBeforeStart: config.recheck.hoursBeforeStart,
    }),
};
