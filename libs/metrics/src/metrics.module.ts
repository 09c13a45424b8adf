import { Global, Module } from '@nestjs/common';
import { ProcessMetrics } from './process-metrics';

/** This app's own metrics registry, for every provider that records or renders metrics. */
@Global()
@Module({
  providers: [{ provide: ProcessMetrics, useFactory: () => new ProcessMetrics() }],
  exports: [ProcessMetrics],
})
export class MetricsModule {}
