/** A cell counting fewer people (households) than this is not shown: too few to stay anonymous. */
export const MIN_CELL_COUNT = 5;
/** What a suppressed cell shows instead of its figures. */
export const SUPPRESSED_CELL = '<5';

/**
 * Which cells of a set that sums to a shown total must be hidden. A cell counting fewer than `threshold`
 * is hidden (primary suppression); when that hides exactly one cell, it could be worked out as the total
 * minus the others, so the smallest of the others is hidden too (secondary suppression). Cells with a
 * count of 0 show nothing about anyone and are left alone.
 */
export function suppressSmallCells(counts: readonly number[], threshold = MIN_CELL_COUNT): boolean[] {
  const hidden = counts.map((n) => n > 0 && n < threshold);
  if (hidden.filter(Boolean).length === 1) {
    const next = counts.reduce<number>((best, n, i) => (hidden[i] || n === 0 ? best : best === -1 || n < counts[best] ? i : best), -1);
    if (next !== -1) hidden[next] = true;
  }
  return hidden;
}
