import { ValidationError, ValidationPipe } from '@nestjs/common';

/** A request body or query that failed validation, field by field. */
export class ValidationFailed extends Error {
  constructor(readonly errors: Array<{ field: string; messages: string[] }>) {
    super('Validation failed');
  }
}

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; messages: string[] }> {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}
