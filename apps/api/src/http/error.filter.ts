import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError } from './api-error';

const STATUS_CODES: Partial<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Redis connection failures: the API answers 503 with Retry-After instead of a 500. */
function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    /Connection is closed|ECONNREFUSED|Stream isn't writeable|enableOfflineQueue|Reached the max retries/i.test(error.message)
  );
}

/** Body-parser's own errors (malformed JSON, too large, wrong charset) carry a 4xx status. */
function bodyParserError(error: unknown): { status: number; message: string } | null {
  if (!(error instanceof Error)) return null;
  const { status, type } = error as Error & { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500 || typeof type !== 'string') return null;
  const messages: Record<string, string> = {
    'entity.too.large': 'The request body is too large.',
    'entity.parse.failed': 'The request body is not valid JSON.',
    'encoding.unsupported': 'Content-Encoding is not supported: send the body uncompressed (identity).',
    'charset.unsupported': 'The body must be UTF-8 JSON.',
  };
  return { status, message: messages[type] ?? 'The request body could not be read.' };
}

/** Every error leaves as { error: { code, message, details } }; nothing internal leaks. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  /** A 400 always names what was wrong: a body-level problem is reported on the field "body". */
  private send(res: Response, status: number, message: string): void {
    const details = status === 400 ? [{ field: 'body', message }] : [];
    res.status(status).json({ error: { code: STATUS_CODES[status] ?? 'error', message, details } });
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof ApiError) {
      if (exception.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
      res.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      this.send(res, status, Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message);
      return;
    }
    const clientError = bodyParserError(exception);
    if (clientError) {
      this.send(res, clientError.status, clientError.message);
      return;
    }
    if (isRedisUnavailable(exception)) {
      res.setHeader('Retry-After', '5');
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        error: { code: 'unavailable', message: 'The service store is unavailable; try again shortly.', details: [] },
      });
      return;
    }
    // The stack names code paths only; messages may carry input, so they are not logged.
    this.logger.error(
      {
        error: exception instanceof Error ? exception.name : 'unknown',
        stack: exception instanceof Error ? exception.stack?.split('\n').slice(1, 6).join(' | ') : undefined,
      },
      'unhandled error',
    );
    res
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ error: { code: 'internal', message: 'Something went wrong on our side.', details: [] } });
  }
}
