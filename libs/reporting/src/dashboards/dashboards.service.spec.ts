import { firstOfMonthBefore } from './dashboards.service';

describe(firstOfMonthBefore.name, () => {
  it.each([
    ['2026-11-23', 0, '2026-11-01'],
    ['2026-11-23', 11, '2025-12-01'],
    ['2026-01-31', 1, '2025-12-01'],
    ['2026-03-01', 14, '2025-01-01'],
    ['2026-12-31', 119, '2017-01-01'],
  ])('%p, %p months back, is %p', (day, months, first) => {
    expect(firstOfMonthBefore(day, months)).toBe(first);
  });
});
