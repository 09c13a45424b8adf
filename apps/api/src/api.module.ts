import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import type Redis from 'ioredis';
import type { DestinationStream } from 'pino';
import { APP_CONFIG, AppConfig, ConfigModule } from '@bvs/config';
import { LoggingModule } from '@bvs/logging';
import { PayerDirectory } from '@bvs/payers';
import { QueueModule } from '@bvs/queue';
import { StoreModule, VerificationEvents, VerificationStore, createRedis } from '@bvs/store';
import { AuthGuard } from './auth/auth.guard';
import { HealthController } from './health/health.controller';
import { ErrorFilter } from './http/error.filter';
import { createValidationPipe } from './http/validation';
import { PayersController } from './payers/payers.controller';
import { VerificationsController } from './verifications/verifications.controller';
import { VerificationsService } from './verifications/verifications.service';

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
      ],
      controllers: [VerificationsController, PayersController, HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: PayerDirectory, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new PayerDirectory(c.payerIds) },
        {
          provide: VerificationEvents,
          inject: [APP_CONFIG, VerificationStore],
          useFactory: (c: AppConfig, store: VerificationStore) => new VerificationEvents(createRedis(c.redis.url) as Redis, store.eventsChannel),
        },
        VerificationsService,
      ],
    };
  }
}
