import { SponsorImpactError } from './sponsor-impact.errors';
import { formatPostcodeRanges, parsePostcodeRanges } from './postcode-ranges';

/** The field and message a rejected list is refused with. */
function refusal(text: string): { field?: string; message: string } {
  try {
    parsePostcodeRanges(text);
  } catch (error) {
    if (error instanceof SponsorImpactError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
}

describe(parsePostcodeRanges.name, () => {
  it('reads single postcodes and ranges, bounds included', () => {
    expect(parsePostcodeRanges('7411-7418,7421')).toEqual([
      { from: 7411, to: 7418 },
      { from: 7421, to: 7421 },
    ]);
  });

  it('sorts, and merges overlapping and adjacent items', () => {
    expect(parsePostcodeRanges(' 7500 , 7411-7415,7413-7418, 7419,1000')).toEqual([
      { from: 1000, to: 1000 },
      { from: 7411, to: 7419 },
      { from: 7500, to: 7500 },
    ]);
  });

  it('accepts 1000 and 9999 and a one-postcode range', () => {
    expect(parsePostcodeRanges('1000-1000,9999')).toEqual([
      { from: 1000, to: 1000 },
      { from: 9999, to: 9999 },
    ]);
  });

  it.each([['abc'], ['741'], ['74111'], ['7411-'], ['-7411'], ['7411--7412'], [''], ['7411,,7412'], ['7411 AB'], ['0999'], ['0999-7411']])(
    'refuses %p, naming postcodes',
    (text) => {
      expect(refusal(text).field).toBe('postcodes');
    },
  );

  it('refuses a range that runs backwards', () => {
    expect(refusal('7411-7400')).toMatchObject({ field: 'postcodes', message: expect.stringContaining('7411-7400') });
  });

  it('takes at most 50 items', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => String(7000 + 2 * i)).join(',');
    expect(parsePostcodeRanges(items(50))).toHaveLength(50);
    expect(refusal(items(51)).field).toBe('postcodes');
  });
});

describe(formatPostcodeRanges.name, () => {
  it('writes ranges with an en dash and single postcodes alone', () => {
    expect(formatPostcodeRanges([{ from: 7411, to: 7418 }, { from: 7421, to: 7421 }])).toBe('7411–7418, 7421');
  });
});
