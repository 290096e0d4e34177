import { dueDateOf } from './dues.service';

describe('dueDateOf', () => {
  const run = { dueDate: '2026-12-31' };

  it('gives installments that start before the due date the run’s due date', () => {
    expect(dueDateOf('2027-01-01', { dueDate: '2027-02-03' })).toBe('2027-02-03');
    expect(dueDateOf('2026-10-01', run)).toBe('2026-12-31');
  });

  it('gives a later installment the usual 30 days after its start', () => {
    expect(dueDateOf('2027-07-01', run)).toBe('2027-07-31');
    expect(dueDateOf('2027-04-01', run)).toBe('2027-05-01');
    // A long term for the run does not push the first quarter past it.
    expect(dueDateOf('2027-01-01', { dueDate: '2027-01-31' })).toBe('2027-01-31');
  });
});
