import { ValidateIf } from 'class-validator';

/**
 * May be left out, but not sent as null: for a PATCH field whose column always holds a value. (`@IsOptional()` lets
 * null through, and the database then refuses it.)
 */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
