import { MIN_CELL_COUNT, SUPPRESSED_CELL, suppressSmallCells } from '@buurtcoop/core';
import type { AreaHoursRow } from '@buurtcoop/exchange';

/** Shown instead of a cell's household count when it is hidden only so that a "<5" cell cannot be worked out. */
export const PROTECTING_CELL = 'x';

export interface ImpactCell {
  /** Distinct households helped, or `"<5"` (fewer than five), or `"x"` (hidden to protect a "<5" cell). */
  households: number | typeof SUPPRESSED_CELL | typeof PROTECTING_CELL;
  /** Integer minutes delivered; null when the cell is suppressed. */
  deliveredMinutes: number | null;
  suppressed: boolean;
}

export interface ImpactTable {
  categories: Array<{ category: string; total: ImpactCell; postcodes: Array<{ postcode4: number } & ImpactCell> }>;
  postcodeTotals: Array<{ postcode4: number } & ImpactCell>;
  total: ImpactCell;
}

interface Figure {
  minutes: number;
  households: number;
  hidden: boolean;
  primary: boolean;
}

const EMPTY = (): Figure => ({ minutes: 0, households: 0, hidden: false, primary: false });

/**
 * The area's cells with small cells suppressed. Primary: fewer than {@link MIN_CELL_COUNT} households. Secondary:
 * every set of figures bound by a sum (a category's postcodes and its total, a postcode's categories and its total,
 * the category totals and the grand total, the postcode totals and the grand total) goes through
 * `suppressSmallCells`, a hidden figure counting as a small one, until nothing changes, so no hidden figure is the
 * only unknown of any sum.
 */
export function buildImpactTable(rows: readonly AreaHoursRow[]): ImpactTable {
  const categoryNames = new Map<string, string>();
  const postcodes = new Set<number>();
  for (const row of rows) {
    if (row.categoryCode !== null) categoryNames.set(row.categoryCode, row.categoryName ?? row.categoryCode);
    if (row.postcode4 !== null) postcodes.add(row.postcode4);
  }
  const categories = [...categoryNames.keys()].sort((a, b) => categoryNames.get(a)!.localeCompare(categoryNames.get(b)!, 'nl'));
  const area = [...postcodes].sort((a, b) => a - b);

  const key = (category: string | null, postcode4: number | null) => `${category ?? '*'}|${postcode4 ?? '*'}`;
  const figures = new Map<string, Figure>();
  const figure = (category: string | null, postcode4: number | null): Figure => {
    const k = key(category, postcode4);
    let found = figures.get(k);
    if (!found) figures.set(k, (found = EMPTY()));
    return found;
  };
  for (const row of rows) {
    const f = figure(row.categoryCode, row.postcode4);
    f.minutes = row.minutes;
    f.households = row.households;
  }

  const sums: Figure[][] = [
    ...categories.map((c) => [...area.map((p) => figure(c, p)), figure(c, null)]),
    ...area.map((p) => [...categories.map((c) => figure(c, p)), figure(null, p)]),
    [...categories.map((c) => figure(c, null)), figure(null, null)],
    [...area.map((p) => figure(null, p)), figure(null, null)],
  ];
  const all = [...categories.flatMap((c) => [...area.map((p) => figure(c, p)), figure(c, null)]), ...area.map((p) => figure(null, p)), figure(null, null)];
  for (const f of all) f.hidden = f.primary = f.households > 0 && f.households < MIN_CELL_COUNT;
  for (let changed = true; changed; ) {
    changed = false;
    for (const set of sums) {
      // A figure already hidden is passed as a small count, so a set with one hidden figure gets a second.
      const hide = suppressSmallCells(set.map((f) => (f.hidden ? 1 : f.households)));
      set.forEach((f, i) => {
        if (hide[i] && !f.hidden) changed = f.hidden = true;
      });
    }
  }

  const cell = (f: Figure): ImpactCell =>
    f.hidden
      ? { households: f.primary ? SUPPRESSED_CELL : PROTECTING_CELL, deliveredMinutes: null, suppressed: true }
      : { households: f.households, deliveredMinutes: f.minutes, suppressed: false };
  return {
    categories: categories.map((c) => ({
      category: categoryNames.get(c)!,
      total: cell(figure(c, null)),
      postcodes: area.map((p) => ({ postcode4: p, ...cell(figure(c, p)) })),
    })),
    postcodeTotals: area.map((p) => ({ postcode4: p, ...cell(figure(null, p)) })),
    total: cell(figure(null, null)),
  };
}
