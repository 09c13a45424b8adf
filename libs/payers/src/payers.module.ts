import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { PayerDirectory } from './payer-directory';

/** The payer directory with the payer ids configured for this deployment's clearinghouse. */
@Global()
@Module({
  providers: [{ provide: PayerDirectory, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new PayerDirectory(config.payerIds) }],
  exports: [PayerDirectory],
})
export class PayersModule {}
