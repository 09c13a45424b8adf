import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AppConfig, APP_CONFIG, ConfigModule } from '@bvs/config';
import { EligibilityTransport, createTransport } from '@bvs/clearinghouse';
import { LoggingModule } from '@bvs/logging';
import { PayerDirectory } from '@bvs/payers';
import { StoreModule } from '@bvs/store';
import { EligibilityWorker } from './eligibility/eligibility.worker';
import { RunVerification } from './eligibility/run-verification';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logStream?: DestinationStream): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot({ app: 'worker', level: config.logLevel, stream: logStream }), StoreModule.forRoot({ failFast: false })],
      providers: [
        { provide: PayerDirectory, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new PayerDirectory(c.payerIds) },
        { provide: EligibilityTransport, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createTransport(c) },
        RunVerification,
        EligibilityWorker,
      ],
    };
  }
}
