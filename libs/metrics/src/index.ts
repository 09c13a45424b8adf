export * from './redis-metrics';
