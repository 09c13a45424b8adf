import { type ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, type ErrorDetail } from './api-error';

/** Flattens class-validator's tree into one detail per invalid field, named by its path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = (parent ? `${parent}.${error.property}` : error.property) || 'body';
    for (const message of Object.values(error.constraints ?? {})) details.push({ field, message });
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, field));
  }
  return details;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      // class-validator reports a body that is not an object (an array, a string) without a property.
      return ApiError.invalid(details.length > 0 ? details : [{ field: 'body', message: 'the body must be a JSON object' }]);
    },
  });
}
