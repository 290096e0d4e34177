import { sameBank } from './sepa-bank';
import { isExpired, nextSequenceType, MandateState } from './sequence-type';

describe(nextSequenceType.name, () => {
  const recurrent: MandateState = { kind: 'recurrent', status: 'active', signedOn: '2026-01-10', firstCollectedOn: null, lastCollectedOn: null };
  const sut = nextSequenceType;

  it('collects a recurrent mandate FRST until a collection was booked, then RCUR', () => {
    expect(sut(recurrent, '2026-02-01')).toBe('FRST');
    expect(sut({ ...recurrent, firstCollectedOn: '2026-02-01', lastCollectedOn: '2026-02-01' }, '2026-03-01')).toBe('RCUR');
  });

  it('goes back to FRST while a move to another bank is still to be reported', () => {
    expect(sut({ ...recurrent, firstCollectedOn: '2026-02-01', lastCollectedOn: '2026-02-01', pendingNewBank: true }, '2026-03-01')).toBe('FRST');
  });

  it('collects a one-off mandate OOFF, and only once', () => {
    const oneOff: MandateState = { ...recurrent, kind: 'one_off' };
    expect(sut(oneOff, '2026-02-01')).toBe('OOFF');
    expect(sut({ ...oneOff, firstCollectedOn: '2026-02-01', lastCollectedOn: '2026-02-01' }, '2026-03-01')).toBeNull();
  });

  it('never collects on a revoked mandate', () => {
    expect(sut({ ...recurrent, status: 'revoked' }, '2026-02-01')).toBeNull();
  });

  it('lets a mandate expire after 36 months without a collection', () => {
    expect(isExpired(recurrent, '2029-01-10')).toBe(false);
    expect(isExpired(recurrent, '2029-01-11')).toBe(true);
    expect(sut(recurrent, '2029-01-11')).toBeNull();
    expect(sut({ ...recurrent, firstCollectedOn: '2026-02-01', lastCollectedOn: '2028-06-01' }, '2029-06-01')).toBe('RCUR');
  });
});

describe(sameBank.name, () => {
  const sut = sameBank;

  it('tells a new account at the same Dutch bank from a move to another bank by the bank code', () => {
    expect(sut({ iban: 'NL20INGB0001234567' }, { iban: 'NL71 INGB 0009 8765 43' })).toBe(true);
    expect(sut({ iban: 'NL20INGB0001234567' }, { iban: 'NL44RABO0123456789' })).toBe(false);
  });

  it('falls back on the BICs where the IBAN layout is not known, and otherwise assumes another bank', () => {
    expect(sut({ iban: 'IT60X0542811101000000123456', bic: 'BPMOIT22' }, { iban: 'IT02A0301503200000003517230', bic: 'BPMOIT22XXX' })).toBe(true);
    expect(sut({ iban: 'IT60X0542811101000000123456' }, { iban: 'IT02A0301503200000003517230' })).toBe(false);
    expect(sut({ iban: 'NL20INGB0001234567' }, { iban: 'BE68539007547034' })).toBe(false);
  });
});
