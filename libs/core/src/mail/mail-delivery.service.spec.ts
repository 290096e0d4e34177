import { MAX_ATTEMPTS, nextAttemptAfter } from './mail-delivery.service';

describe(nextAttemptAfter.name, () => {
  const now = new Date('2026-11-23T10:00:00Z');

  it.each([
    [1, '2026-11-23T10:01:00.000Z'],
    [2, '2026-11-23T10:02:00.000Z'],
    [3, '2026-11-23T10:04:00.000Z'],
    [4, '2026-11-23T10:08:00.000Z'],
  ])('after %i failed attempt(s) waits until %s', (attempts, expected) => {
    expect(nextAttemptAfter(now, attempts)?.toISOString()).toBe(expected);
  });

  it('gives up once the attempts are used up', () => {
    expect(MAX_ATTEMPTS).toBe(5);
    expect(nextAttemptAfter(now, MAX_ATTEMPTS)).toBeNull();
  });
});
