import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { REDIS } from '@bvs/store';
import { ApiError } from '../http/api-error';
import type { AuthenticatedRequest } from './auth.guard';

const WINDOW_SECONDS = 60;

/**
 * Limits callers without a key (the public form) per client IP, in Redis so the limit holds
 * across API instances: a fixed one-minute window, 429 with Retry-After past it.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // The API, and the form posted without JavaScript (it creates verifications too).
    const limited = req.path.startsWith('/v1/') || (req.method === 'POST' && req.path === '/');
    if (req.principal?.role !== 'public' || !limited) return true;
    const window = Math.floor(Date.now() / 1000 / WINDOW_SECONDS);
    const key = `${this.config.redis.prefix}:ratelimit:${req.ip ?? 'unknown'}:${window}`;
    const [[, count]] = (await this.redis
      .multi()
      .incr(key)
      .expire(key, WINDOW_SECONDS * 2)
      .exec()) as [[null, number]];
    if (count > this.config.publicRateLimitPerMinute) {
      const retryAfter = (window + 1) * WINDOW_SECONDS - Math.floor(Date.now() / 1000);
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'rate_limited',
        'Too many requests; try again shortly.',
        [],
        Math.max(1, retryAfter),
      );
    }
    return true;
  }
}
