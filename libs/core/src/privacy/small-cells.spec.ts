import { suppressSmallCells } from './small-cells';

describe(suppressSmallCells.name, () => {
  it('shows every cell of five or more', () => {
    expect(suppressSmallCells([5, 12, 40])).toEqual([false, false, false]);
  });

  it('hides a lone small cell and also the next smallest, so the total cannot give it away', () => {
    expect(suppressSmallCells([3, 12, 7, 40])).toEqual([true, false, true, false]);
  });

  it('needs no second cell when two or more are already hidden', () => {
    expect(suppressSmallCells([3, 12, 4, 40])).toEqual([true, false, true, false]);
  });

  it('picks the first of equally small neighbours, and leaves empty cells alone', () => {
    expect(suppressSmallCells([9, 0, 1, 9])).toEqual([true, false, true, false]);
  });

  it('hides a lone small cell that has no other cell to pair with', () => {
    expect(suppressSmallCells([2])).toEqual([true]);
    expect(suppressSmallCells([2, 0])).toEqual([true, false]);
  });

  it('takes another threshold', () => {
    expect(suppressSmallCells([9, 10, 11], 10)).toEqual([true, true, false]);
  });

  it('leaves the input alone', () => {
    const counts = [3, 12, 7];
    suppressSmallCells(counts);
    expect(counts).toEqual([3, 12, 7]);
  });
});
