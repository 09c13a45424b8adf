import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import type Redis from 'ioredis';
import type { DestinationStream } from 'pino';
import { APP_CONFIG, AppConfig, ConfigModule } from '@bvs/config';
import { LoggingModule } from '@bvs/logging';
import { PayerDirectory } from '@bvs/payers';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueModule, WEBHOOK_QUEUE, WebhookNotifier } from '@bvs/queue';
import { MemberFingerprint, StoreModule, VerificationEvents, VerificationStore, createRedis } from '@bvs/store';
import { AuthGuard } from './auth/auth.guard';
import { OidcVerifier } from './auth/oidc-verifier';
import { PublicRateLimitGuard } from './auth/public-rate-limit.guard';
import { MetricsController } from './metrics/metrics.controller';
import { RedisMetrics } from '@bvs/metrics';
import { REDIS } from '@bvs/store';
import { HealthController } from './health/health.controller';
import { ErrorFilter } from './http/error.filter';
import { createValidationPipe } from './http/validation';
import { PayersController } from './payers/payers.controller';
import { VerificationsController } from './verifications/verifications.controller';
import { VerificationsService } from './verifications/verifications.service';
import { WebModule } from './web/web.module'; // web pages (form, staff dashboard)
import { AuditController } from './verifications/audit.controller';
import { StaffActionsService } from './verifications/staff-actions.service';
import { StaffVerificationsController } from './verifications/staff-verifications.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, logStream?: DestinationStream): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot({ app: 'api', level: config.logLevel, stream: logStream }),
        StoreModule.forRoot({ failFast: true }),
        QueueModule.forRoot({ failFast: true }),
        WebModule, // web pages (form, staff dashboard)
      ],
      controllers: [StaffVerificationsController, VerificationsController, AuditController, PayersController, HealthController, MetricsController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
        // Guards run in this order: who is calling, then the public rate limit.
        OidcVerifier,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: PublicRateLimitGuard },
        { provide: RedisMetrics, inject: [REDIS, APP_CONFIG], useFactory: (r: Redis, c: AppConfig) => new RedisMetrics(r, c.redis.prefix) },
        { provide: PayerDirectory, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new PayerDirectory(c.payerIds) },
        {
          provide: VerificationEvents,
          inject: [APP_CONFIG, VerificationStore],
          useFactory: (c: AppConfig, store: VerificationStore) => new VerificationEvents(createRedis(c.redis.url) as Redis, store.eventsChannel),
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
        VerificationsService,
        StaffActionsService,
      ],
    };
  }
}
