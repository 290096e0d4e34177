import { ValueTransformer } from 'typeorm';

/** `bigint` cents in the database, a safe integer in TypeScript (pg returns bigint as a string). */
export const CENTS: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null || value === undefined) return null;
    const cents = Number(value);
    if (!Number.isSafeInteger(cents)) throw new RangeError(`Amount ${value} cents is beyond a safe integer`);
    return cents;
  },
};
