import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { RecordCipher } from './record-cipher';
import { createRedis } from './redis-connection';
import { VerificationStore } from './verification.store';
import { BatchStore } from './batch.store';
import { AuditLog, AuditSink, openAuditSink } from './audit-log';
import { MemberFingerprint } from './member-fingerprint';
import { SearchIndex } from './search-index';

/** The shared command connection (not for blocking commands or subscriptions). */
export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The audit log's JSON-lines output (AUDIT_LOG_FILE). */
export const AUDIT_SINK = Symbol('AUDIT_SINK');

@Injectable()
class AuditSinkCloser implements OnApplicationShutdown {
  constructor(@Inject(AUDIT_SINK) private readonly sink: AuditSink) {}
  onApplicationShutdown(): void {
    this.sink.close();
  }
}

export interface StoreModuleOptions {
  /**
   * API processes fail a command quickly while Redis is away (the caller gets a 503); workers
   * wait for Redis to come back instead.
   */
  failFast: boolean;
  /**
   * Commands issued in one tick go out in one socket write (ioredis auto-pipelining). The API's
   * concurrent requests gain from it; the worker measured worse with it (BENCHMARKS.md, issue 19).
   */
  autoPipelining?: boolean;
}

const STORE_PROVIDERS = [
  {
    provide: VerificationStore,
    inject: [REDIS, APP_CONFIG],
    useFactory: (redis: Redis, config: AppConfig) =>
      new VerificationStore(redis, new RecordCipher(config.records.keys, config.records.currentKeyId), {
        prefix: config.redis.prefix,
        retentionSeconds: config.records.retentionSeconds,
      }),
  },
  {
    provide: AUDIT_SINK,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => openAuditSink(config.audit.logFile),
  },
  {
    provide: BatchStore,
    inject: [REDIS, APP_CONFIG],
    useFactory: (redis: Redis, config: AppConfig) =>
      new BatchStore(redis, new RecordCipher(config.records.keys, config.records.currentKeyId), {
        prefix: config.redis.prefix,
        retentionSeconds: config.records.retentionSeconds,
      }),
  },
  {
    provide: AuditLog,
    inject: [REDIS, APP_CONFIG, AUDIT_SINK],
    useFactory: (redis: Redis, config: AppConfig, sink: AuditSink) => new AuditLog(redis, config.redis.prefix, sink),
  },
  AuditSinkCloser,
  {
    provide: MemberFingerprint,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => {
      const key = config.records.keys.get(config.records.currentKeyId);
      if (!key) throw new Error('the current record key is not configured');
      return new MemberFingerprint(key);
    },
  },
  {
    provide: SearchIndex,
    inject: [REDIS, APP_CONFIG],
    useFactory: (redis: Redis, config: AppConfig) =>
      new SearchIndex(redis, config.records.keys, config.records.currentKeyId, {
        prefix: config.redis.prefix,
        retentionSeconds: config.records.retentionSeconds,
      }),
  },
  RedisCloser,
];

@Global()
@Module({})
export class StoreModule {
  static forRoot(options: StoreModuleOptions): DynamicModule {
    return {
      module: StoreModule,
      providers: [
        {
          provide: REDIS,
          inject: [APP_CONFIG],
          // Never a blocking command on this connection, so pipelining one tick's commands is safe.
          useFactory: (config: AppConfig) =>
            createRedis(config.redis.url, {
              ...(options.failFast ? { maxRetriesPerRequest: 1 } : {}),
              ...(options.autoPipelining ? { enableAutoPipelining: true } : {}),
            }),
        },
        ...STORE_PROVIDERS,
      ],
      exports: [REDIS, VerificationStore, BatchStore, AuditLog, MemberFingerprint, SearchIndex],
    };
  }
}
