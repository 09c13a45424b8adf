export * from './definitions';
export * from './process-metrics';
export * from './queue-depth';
export * from './metrics.module';
