import { dueDateOf } from './dues.service';

describe('dueDateOf', () => {
  const run = { issueDate: '2026-12-01', dueDate: '2026-12-31' };

  it('gives installments that start before the due date the run’s due date', () => {
    expect(dueDateOf('2027-01-01', { issueDate: '2027-01-04', dueDate: '2027-02-03' })).toBe('2027-02-03');
    expect(dueDateOf('2026-10-01', run)).toBe('2026-12-31');
  });

  it('gives a later installment as long to pay after its start as the run gives', () => {
    expect(dueDateOf('2027-07-01', run)).toBe('2027-07-31');
    expect(dueDateOf('2027-04-01', run)).toBe('2027-05-01');
  });
});
