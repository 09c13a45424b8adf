import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { APP_CONFIG, AppConfig, ConfigModule } from '@bvs/config';
import { LoggingModule } from '@bvs/logging';
import { MetricsModule } from '@bvs/metrics';
import { PayersModule } from '@bvs/payers';
import { VERIFICATION_LIFECYCLE_PROVIDER } from '@bvs/lifecycle/nest';
import { QueueModule } from '@bvs/queue';
import { StoreModule, VerificationEvents, VerificationStore, createRedis } from '@bvs/store';
import { AuthGuard } from './auth/auth.guard';
import { OidcVerifier } from './auth/oidc-verifier';
import { AuthFailureLimiter } from './auth/auth-failure-limiter';
import { PublicRateLimitGuard } from './auth/public-rate-limit.guard';
import { MetricsController } from './metrics/metrics.controller';
import { HealthController } from './health/health.controller';
import { ErrorFilter } from './http/error.filter';
import { createValidationPipe } from './http/validation';
import { PayersController } from './payers/payers.controller';
import { VerificationsController } from './verifications/verifications.controller';
import { VerificationsService } from './verifications/verifications.service';
import { WebModule } from './web/web.module'; // web pages (form, staff dashboard)
import { WebController } from './web/web.controller';
import { StaffWorkController } from './staff/staff-work.controller';
import { StaffWorkService } from './staff/staff-work.service';
import { AuditController } from './verifications/audit.controller';
import { StaffActionsService } from './verifications/staff-actions.service';
import { StaffVerificationsController } from './verifications/staff-verifications.controller';
import { WaitLimiter } from './verifications/wait-limiter';
import { BatchesController } from './batches/batches.controller';
import { BatchesService } from './batches/batches.service';
import { RechecksController } from './rechecks/rechecks.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, logStream?: DestinationStream): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        // Requests are logged by createApiApp's requestLog, not per Nest route.
        LoggingModule.forRoot({ app: 'api', level: config.logLevel, stream: logStream, nestRequestLog: false }),
        // The API's commands of one tick go out in one write: a syscall per command was its largest CPU cost.
        StoreModule.forRoot({ failFast: true, autoPipelining: true }),
        QueueModule.forRoot({ failFast: true }),
        MetricsModule,
        PayersModule,
        WebModule, // web pages (form, staff dashboard)
      ],
      controllers: [
        StaffWorkController,
        StaffVerificationsController,
        VerificationsController,
        BatchesController,
        RechecksController,
        AuditController,
        PayersController,
        HealthController,
        MetricsController,
        // The public form posts to the same service as the API (no-JavaScript submit).
        WebController,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
        // Guards run in this order: who is calling, then the public rate limit.
        OidcVerifier,
        AuthFailureLimiter,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: PublicRateLimitGuard },
        {
          provide: VerificationEvents,
          inject: [APP_CONFIG, VerificationStore],
          useFactory: (c: AppConfig, store: VerificationStore) => new VerificationEvents(createRedis(c.redis.url), store.eventsChannel),
        },
        VERIFICATION_LIFECYCLE_PROVIDER,
        VerificationsService,
        StaffActionsService,
        StaffWorkService,
        WaitLimiter,
        BatchesService,
      ],
    };
  }
}
