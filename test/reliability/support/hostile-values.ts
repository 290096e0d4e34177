import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Schema } from './api-routes';

/** A generated value with what the generator knows about it: definitely invalid for its field, or not. */
export interface Tagged<T = unknown> {
  value: T;
  /** Why the product must refuse it; undefined when it may be valid. */
  invalid?: string;
}

const HUGE = 'x'.repeat(100_000);
const HUGE_UNICODE = 'ﷺ👩‍👩‍👧‍👦'.repeat(12_500);

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\t\r\n',
  HUGE,
  HUGE_UNICODE,
  'nul\u0000byte',
  '\u0000',
  'lone \uD800 surrogate',
  '\uDFFF',
  '\u202Eevil.exe\u202C',
  'שלום עליכם مرحبا',
  '👩‍👩‍👧‍👦🏳️‍🌈🇳🇱',
  'Zoë Ğürbüz-Çelik ß ı',
  "' OR '1'='1' --",
  "'); DROP TABLE members; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{"$gt": ""}',
  '{"__proto__": {"admin": true}}',
  '${7*7}{{7*7}}#{7*7}',
  '../../../../etc/passwd',
  '%00%27%22',
  "=cmd|' /C calc'!A0",
  '@SUM(1+1)',
  'line\r\nX-Injected: 1',
  'null',
  'NaN',
  '-1',
  '1e309',
];

export const HOSTILE_DATES = [
  '0000-00-00',
  '2026-02-30',
  '2026-13-01',
  '2026-11-31',
  '99999-12-31',
  '275760-09-14',
  '-000001-01-01',
  '1900-01-01',
  '1000-01-01',
  '9999-12-31',
  '2026-11-23T25:61:61Z',
  '23-11-2026',
  '2026/11/23',
  '2026-11',
  '2026-W47',
  'gisteren',
];

export const HOSTILE_NUMBERS = [-1, 0, -0, 0.5, 1.005, -123.45, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MIN_VALUE, 99_999_999_999];

/** Field names that hold a date or a moment. */
const DATE_NAME = /(date|Date|On|At|^from$|^to$|^through$|^before$|^month$|Month|Until|until|From|Through)$/;

export function looksLikeDate(name: string, schema: Schema): boolean {
  return schema.format === 'date' || schema.format === 'date-time' || (schema.type === 'string' && DATE_NAME.test(name));
}

/** A value the document presents as valid: its example, its default, or the simplest of its type. */
export function exampleOf(schema: Schema, name = ''): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return '2026-11-23T10:00:00.000Z';
      if (looksLikeDate(name, schema)) return '2026-11-23';
      return 'Proef';
    case 'number':
    case 'integer':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [exampleOf(schema.items, name)] : [];
    default:
      if (schema.properties) return objectExample(schema);
      return undefined;
  }
}

/** The required properties of an object schema, each with its example. */
export function objectExample(schema: Schema): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => required.has(k)).map(([k, v]) => [k, exampleOf(v, k)]));
}

/**
 * Values of the wrong JSON type for a field, which no validator may accept: not null (an optional field takes it
 * as absent), not `[]` or `true` for numbers (Number() of them is 0 and 1), not `'12'` (a @Type(() => Number) takes it).
 */
export function wrongTypes(schema: Schema): unknown[] | undefined {
  if (schema.enum?.length) return ['not-one-of-the-choices', 7, { a: 1 }];
  switch (schema.type) {
    case 'string':
      return [12_345, { a: 1 }, [1, 2]];
    case 'number':
    case 'integer':
      return ['twaalf', { a: 1 }, 'NaN'];
    case 'boolean':
      return ['misschien', 7, { a: 1 }];
    case 'array':
      return ['not a list', 7];
    case 'object':
      return schema.properties ? ['not an object', 7] : undefined;
    default:
      return undefined;
  }
}

/** Hostile but possibly valid values for a field of this schema (the product decides). */
function hostileFor(name: string, schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (looksLikeDate(name, schema)) return fc.oneof(fc.constantFrom(...HOSTILE_DATES), fc.constantFrom(...HOSTILE_STRINGS));
  switch (schema.type) {
    case 'number':
    case 'integer':
      return fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return fc.constantFrom('true', 1, 0);
    case 'array': {
      const item = schema.items ? fieldValue(name, schema.items, depth + 1).map((t) => t.value) : fc.constant(1);
      const example = exampleOf(schema, name);
      return fc.oneof(
        fc.constant([]),
        fc.array(item, { maxLength: 4 }),
        fc.constant(Array.from({ length: 500 }, () => (Array.isArray(example) ? example[0] : 1))),
      );
    }
    case 'object':
      return schema.properties ? hostileObject(schema, depth + 1).map((t) => t.value) : fc.constant({ a: 1 });
    default:
      return fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
  }
}

/** One field's value: usually the example, often hostile, sometimes of a wrong type. */
export function fieldValue(name: string, schema: Schema, depth = 0): fc.Arbitrary<Tagged> {
  const wrong = wrongTypes(schema);
  const options: Array<fc.WeightedArbitrary<Tagged>> = [
    { weight: 3, arbitrary: fc.constant(null).map(() => ({ value: exampleOf(schema, name) })) },
    { weight: depth > 1 ? 0 : 4, arbitrary: hostileFor(name, schema, depth).map((value) => ({ value })) },
    { weight: 1, arbitrary: fc.constant({ value: null }) },
  ];
  if (wrong) options.push({ weight: 1, arbitrary: fc.constantFrom(...wrong).map((value) => ({ value, invalid: `${name} of the wrong type (${JSON.stringify(value)})` })) });
  return fc.oneof(...options.filter((o) => o.weight > 0));
}

/** An object for a schema: each field absent, example, hostile or mistyped; sometimes extra fields. */
export function hostileObject(schema: Schema, depth = 0): fc.Arbitrary<Tagged<Record<string, unknown>>> {
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, field]) =>
    fc
      .tuple(fc.integer({ min: 0, max: 9 }), fieldValue(name, field, depth))
      .map(([roll, tagged]): [string, Tagged | undefined] => {
        const absent = required.has(name) ? roll === 0 : roll < 3;
        if (absent) return [name, required.has(name) ? { value: undefined, invalid: `required ${name} missing` } : undefined];
        return [name, tagged];
      }),
  );
  const extra = fc.option(
    fc.tuple(fc.constantFrom('isAdmin', 'cooperativeId', 'id', 'createdAt', 'status', 'role', 'zzUnknown'), fc.constantFrom<unknown>(true, 'x', 1, { a: 1 })),
    { freq: 5, nil: undefined },
  );
  return fc.tuple(fc.tuple(...fields), extra).map(([entries, extraField]) => {
    const value: Record<string, unknown> = {};
    const invalid: string[] = [];
    for (const [name, tagged] of entries) {
      if (!tagged) continue;
      if (tagged.value !== undefined) value[name] = tagged.value;
      if (tagged.invalid) invalid.push(tagged.invalid);
    }
    if (extraField && !(extraField[0] in (schema.properties ?? {}))) {
      value[extraField[0]] = extraField[1];
      invalid.push(`unknown field ${extraField[0]}`);
    }
    return { value, invalid: invalid.length ? invalid.join('; ') : undefined };
  });
}

/** Request bodies that are not JSON objects at all, or not JSON. */
export const MALFORMED_JSON = ['{"email": ', '{', '[', '{"a":1,}', "{'a': 1}", 'nul', '\u0000', '{"a":1}{"b":2}', '{"__proto__": {"isAdmin": true}}', `${'['.repeat(50_000)}${']'.repeat(50_000)}`];
