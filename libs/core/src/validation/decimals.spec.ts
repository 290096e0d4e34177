import { validateSync } from 'class-validator';
import { HasAtMostDecimals } from './decimals';

class Hours {
  @HasAtMostDecimals(2)
  hours: unknown;
}

const valid = (hours: unknown) => validateSync(Object.assign(new Hours(), { hours })).length === 0;

describe(HasAtMostDecimals.name, () => {
  it('takes whole numbers and up to two decimals', () => {
    expect([12, 12.5, 0.01, 744, 1.1].map(valid)).toEqual([true, true, true, true, true]);
  });

  it('refuses more decimals, numbers written with a small exponent, and what is not a finite number', () => {
    expect([12.345, 1e-7, 5e-324, Number.NaN, Number.POSITIVE_INFINITY, '12.5', null].map(valid)).toEqual([false, false, false, false, false, false, false]);
  });
});
