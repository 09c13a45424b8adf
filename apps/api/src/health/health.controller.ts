import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { ELIGIBILITY_QUEUE } from '@bvs/queue';
import { REDIS } from '@bvs/store';
import { ApiError } from '../http/api-error';
import { DocLive, DocReady } from '../openapi/operations';

const CHECK_TIMEOUT_MS = 1_500;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref())]);
}

@Controller('health')
export class HealthController {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(ELIGIBILITY_QUEUE) private readonly queue: Queue,
  ) {}

  @Get('live')
  @DocLive()
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Ready when Redis answers and the eligibility queue can be read. */
  @Get('ready')
  @DocReady()
  async ready(): Promise<{ status: string; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    checks.redis = await withTimeout(this.redis.ping()).then(
      () => 'ok',
      () => 'down',
    );
    checks.queue = await withTimeout(this.queue.getJobCounts('waiting', 'active', 'delayed')).then(
      () => 'ok',
      () => 'down',
    );
    if (Object.values(checks).some((state) => state !== 'ok')) {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'unavailable',
        'A dependency is down.',
        Object.entries(checks).map(([field, state]) => ({ field, message: state })),
        5,
      );
    }
    return { status: 'ok', checks };
  }
}
