import { DynamicModule, Module } from '@nestjs/common';
import { LoggingModule } from '@bvs/logging';
import type { DestinationStream } from 'pino';
import { InquiryAnswerer } from './core/answer-inquiry';
import { AvailityController } from './availity/availity.controller';
import { CoreMimeController } from './core/core-mime.controller';
import { CoreSoapController } from './core/core-soap.controller';
import { EligibilityV3Controller } from './json/eligibility-v3.controller';
import { SandboxHealthController } from './health.controller';
import { DelayRelease } from './http/delay-release';
import { SANDBOX_SETTINGS, SandboxSettings } from './sandbox-settings';

/** The sandbox clearinghouse: an outside party, so it imports no app and reads no service config. */
@Module({})
export class SandboxModule {
  static forRoot(settings: SandboxSettings & { logLevel: string; logStream?: DestinationStream }): DynamicModule {
    return {
      module: SandboxModule,
      imports: [LoggingModule.forRoot({ app: 'sandbox', level: settings.logLevel, stream: settings.logStream })],
      controllers: [CoreMimeController, CoreSoapController, EligibilityV3Controller, AvailityController, SandboxHealthController],
      providers: [InquiryAnswerer, DelayRelease, { provide: SANDBOX_SETTINGS, useValue: { responseDelayMs: settings.responseDelayMs } }],
    };
  }
}
