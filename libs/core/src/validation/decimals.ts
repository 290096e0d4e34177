import { ValidationOptions, registerDecorator } from 'class-validator';

/**
 * A finite number with at most `places` decimals. class-validator's `IsNumber({ maxDecimalPlaces })` throws on a
 * number JSON writes with an exponent (`1e-7`, `5e-324`), which answered 500.
 */
export function HasAtMostDecimals(places: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'hasAtMostDecimals',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be a number with at most ${places} decimals`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value },
    });
}
