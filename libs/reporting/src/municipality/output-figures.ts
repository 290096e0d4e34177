import { MIN_CELL_COUNT, SUPPRESSED_CELL, suppressSmallCells } from '@buurtcoop/core';
import type { OutputFiguresRow } from '@buurtcoop/exchange';
import { VULNERABILITY_CATEGORIES, VulnerabilityCategory } from '@buurtcoop/membership';

/** Shown instead of a count hidden only so that a "<5" cell cannot be worked out from the others. */
export const PROTECTING_CELL = 'x';

export type CountCell = number | typeof SUPPRESSED_CELL | typeof PROTECTING_CELL;

export interface ShareCell {
  /** Distinct residents in the category, or "<5" / "x" when hidden. */
  residents: CountCell;
  /** Whole percent of the cell's residents, rounded half up; null when either count is hidden. */
  sharePercent: number | null;
}

export interface OutputCell {
  residents: CountCell;
  /** Integer minutes delivered; null when the residents are hidden. */
  deliveredMinutes: number | null;
  suppressed: boolean;
  /** Residents in at least one vulnerability category. */
  vulnerable: ShareCell;
  categories: Record<VulnerabilityCategory, ShareCell>;
}

export interface OutputFigures {
  total: OutputCell;
  byServiceCategory: Array<{ code: string; name: string } & OutputCell>;
  byMonth: Array<{ month: string } & OutputCell>;
  /** `postcode4` null: residents without a Dutch postcode. */
  byPostcode: Array<{ postcode4: number | null } & OutputCell>;
}

type Measure = 'vulnerable' | VulnerabilityCategory;
const MEASURES: readonly Measure[] = ['vulnerable', ...VULNERABILITY_CATEGORIES];

interface Count {
  n: number;
  hidden: boolean;
  primary: boolean;
}

interface Figure {
  minutes: number;
  residents: Count;
  measures: Record<Measure, Count>;
}

const count = (n: number): Count => ({ n, hidden: false, primary: false });
const figureOf = (row: OutputFiguresRow | undefined): Figure => ({
  minutes: row?.minutes ?? 0,
  residents: count(row?.residents ?? 0),
  measures: Object.fromEntries(MEASURES.map((m) => [m, count(m === 'vulnerable' ? (row?.vulnerable ?? 0) : (row?.categories[m] ?? 0))])) as Record<Measure, Count>,
});

/** Share in whole percent, rounded half up, in integers only. */
export const sharePercent = (part: number, whole: number): number => Math.floor((200 * part + whole) / (2 * whole));

/**
 * Hides every count of fewer than {@link MIN_CELL_COUNT} residents in the sets, then — with `suppressSmallCells`,
 * a hidden count passed as a small one — a second count in every set where one would be the only unknown of its
 * sum, until nothing changes. The sets share their total, so hiding it in one set makes the others protect it.
 */
function suppress(sets: Count[][], preset: (c: Count) => boolean): void {
  for (const c of sets.flat()) {
    if (c.hidden) continue;
    c.hidden = preset(c) || (c.n > 0 && c.n < MIN_CELL_COUNT);
    // Hidden with its cell, a count of five or more reads "x" like any count hidden to protect another.
    c.primary = c.hidden && c.n < MIN_CELL_COUNT;
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const set of sets) {
      const hide = suppressSmallCells(set.map((c) => (c.hidden ? 1 : c.n)));
      set.forEach((c, i) => {
        if (hide[i] && !c.hidden) changed = c.hidden = true;
      });
    }
  }
}

/**
 * The outputs as a reviewer may see them. Each dimension (service category, month, postcode-4) is a set of cells
 * that adds up to the total, so each set with its total is suppressed together: first the residents (a hidden
 * count hides its minutes, which do add up exactly), then each vulnerability count, where a cell whose residents
 * are hidden hides all of its categories too. Shares are computed only from counts that are both shown.
 */
export function buildOutputFigures(rows: readonly OutputFiguresRow[]): OutputFigures {
  const total = figureOf(rows.find((r) => r.level === 'total'));
  const categories = rows.filter((r) => r.level === 'category').sort((a, b) => a.categoryName!.localeCompare(b.categoryName!, 'nl'));
  const months = rows.filter((r) => r.level === 'month').sort((a, b) => a.month!.localeCompare(b.month!));
  const postcodes = rows.filter((r) => r.level === 'postcode').sort((a, b) => (a.postcode4 ?? 10_000) - (b.postcode4 ?? 10_000));
  const dimensions = [categories, months, postcodes].map((level) => level.map((row) => ({ row, figure: figureOf(row) })));

  const sets = (pick: (f: Figure) => Count) => dimensions.map((cells) => [...cells.map((c) => pick(c.figure)), pick(total)]);
  suppress(sets((f) => f.residents), () => false);
  const all = [total, ...dimensions.flat().map((c) => c.figure)];
  for (const measure of MEASURES) {
    const hiddenResidents = new Set(all.filter((f) => f.residents.hidden).map((f) => f.measures[measure]));
    suppress(sets((f) => f.measures[measure]), (c) => hiddenResidents.has(c));
  }

  const shown = (c: Count): CountCell => (c.hidden ? (c.primary ? SUPPRESSED_CELL : PROTECTING_CELL) : c.n);
  const share = (f: Figure, m: Measure): ShareCell => {
    const part = f.measures[m];
    const visible = !part.hidden && !f.residents.hidden && f.residents.n > 0;
    return { residents: shown(part), sharePercent: visible ? sharePercent(part.n, f.residents.n) : null };
  };
  const cell = (f: Figure): OutputCell => ({
    residents: shown(f.residents),
    deliveredMinutes: f.residents.hidden ? null : f.minutes,
    suppressed: f.residents.hidden,
    vulnerable: share(f, 'vulnerable'),
    categories: Object.fromEntries(VULNERABILITY_CATEGORIES.map((m) => [m, share(f, m)])) as Record<VulnerabilityCategory, ShareCell>,
  });
  const [byCategory, byMonth, byPostcode] = dimensions;
  return {
    total: cell(total),
    byServiceCategory: byCategory.map(({ row, figure }) => ({ code: row.categoryCode!, name: row.categoryName!, ...cell(figure) })),
    byMonth: byMonth.map(({ row, figure }) => ({ month: row.month!, ...cell(figure) })),
    byPostcode: byPostcode.map(({ row, figure }) => ({ postcode4: row.postcode4, ...cell(figure) })),
  };
}
