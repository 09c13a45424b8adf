import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { REDIS } from '@bvs/store';
import { ApiError } from '../http/api-error';
import type { AuthenticatedRequest } from './auth.guard';

const WINDOW_SECONDS = 60;

export const PUBLIC_RATE_LIMIT_KEY = 'publicRateLimited';

/**
 * Marks the API's routes the public rate limit counts (every /v1 controller). The guard reads
 * this metadata from the route Nest matched, so no spelling of a path can slip past it.
 */
export const PublicRateLimited = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_RATE_LIMIT_KEY, true);

/**
 * Limits callers without a key (the public form) per client IP, in Redis so the limit holds
 * across API instances: a fixed one-minute window, 429 with Retry-After past it.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const limited = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_RATE_LIMIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (req.principal.role !== 'public' || limited !== true) return true;
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
