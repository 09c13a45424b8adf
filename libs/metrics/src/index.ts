export * from './redis-metrics';
export * from './metrics.module';
