import { ArgumentMetadata, BadRequestException, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';

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

/** Deeper than any DTO nests. class-transformer recurses once per level and overflows the stack on a few thousand. */
export const MAX_INPUT_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What no field may hold, whatever its DTO says: nesting deeper than MAX_INPUT_DEPTH, the NUL character (PostgreSQL
 * cannot store it in text), or a lone UTF-16 surrogate (not text at all; validator.js throws on it). Walks without
 * recursion, so the walk itself cannot overflow.
 */
function unacceptableField(input: unknown): { field: string; message: string } | undefined {
  const stack: Array<{ value: unknown; depth: number; field: string }> = [{ value: input, depth: 0, field: '' }];
  while (stack.length > 0) {
    const { value, depth, field } = stack.pop() as (typeof stack)[number];
    const name = field || 'body';
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { field: name, message: `${name} contains the NUL character` };
      if (LONE_SURROGATE.test(value)) return { field: name, message: `${name} is not valid Unicode text (a lone surrogate)` };
      continue;
    }
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    if (depth >= MAX_INPUT_DEPTH) return { field: name, message: `${name} is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    for (const [key, child] of Object.entries(value)) {
      stack.push({ value: child, depth: depth + 1, field: Array.isArray(value) ? `${field}[${key}]` : field ? `${field}.${key}` : key });
    }
  }
  return undefined;
}

/** The global ValidationPipe, after refusing what no field may hold. */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = unacceptableField(value);
      if (problem) throw new ValidationFailed([{ field: problem.field, messages: [problem.message] }]);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}

/**
 * Wraps a `Parse…Pipe` of a path or query parameter so that its refusal names the parameter the way a body
 * field's does: 400 validation_failed with `errors: [{ field: 'id', messages: ['uuid is expected'] }]`.
 */
export function namedParam(pipe: PipeTransform): PipeTransform {
  return {
    async transform(value: unknown, metadata: ArgumentMetadata) {
      try {
        return await pipe.transform(value, metadata);
      } catch (error) {
        if (!(error instanceof BadRequestException)) throw error;
        // Nest's pipes say "Validation failed (uuid is expected)": keep what was expected.
        throw new ValidationFailed([{ field: metadata.data ?? metadata.type, messages: [/\((.+)\)$/.exec(error.message)?.[1] ?? error.message] }]);
      }
    },
  };
}
