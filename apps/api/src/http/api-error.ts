import { HttpException, HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  field?: string;
  message: string;
}

/** The API's error shape: { "error": { "code", "message", "details" } }. */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    public readonly code: string,
    message: string,
    public readonly details: ErrorDetail[] = [],
    public readonly retryAfterSeconds?: number,
  ) {
    super({ error: { code, message, details } }, status);
  }

  static invalid(details: ErrorDetail[], message = 'The request is invalid.'): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, 'invalid_request', message, details);
  }

  static notFound(what = 'verification'): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, 'not_found', `No such ${what}.`);
  }

  static unavailable(message: string, retryAfterSeconds = 5): ApiError {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'unavailable', message, [], retryAfterSeconds);
  }
}
