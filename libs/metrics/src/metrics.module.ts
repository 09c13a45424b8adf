import { Global, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { REDIS } from '@bvs/store';
import { RedisMetrics } from './redis-metrics';

/** RedisMetrics on the store's connection, for every app that records or renders metrics. */
@Global()
@Module({
  providers: [
    {
      provide: RedisMetrics,
      inject: [REDIS, APP_CONFIG],
      useFactory: (redis: Redis, config: AppConfig) => new RedisMetrics(redis, config.redis.prefix),
    },
  ],
  exports: [RedisMetrics],
})
export class MetricsModule {}
