import { NARRATIVE_SECTIONS, Narrative, NarrativeSection } from './entities/accountability-report.entity';

export type FigureValue = string | number | boolean | null;

export interface VersionComparison {
  from: number;
  to: number;
  /** The narrative sections whose text differs, in print order. */
  narrative: Array<{ section: NarrativeSection; from: string; to: string }>;
  /** Every figure that differs, as a flat path (`spending.spentCents`, `outputs.byMonth[0].residents`); absent is null. */
  figures: Array<{ path: string; from: FigureValue; to: FigureValue }>;
}

/** The leaves of a JSON value keyed by path. */
function leaves(value: unknown, path: string, into: Map<string, FigureValue>): Map<string, FigureValue> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, into));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, into);
  else into.set(path, (value ?? null) as FigureValue);
  return into;
}

/**
 * What changed between two versions. The figures' `tables` repeat the figures for the exports and are left out,
 * so each change is named once.
 */
export function compareVersions(
  older: { version: number; narrative: Narrative; figures: Record<string, unknown> },
  newer: { version: number; narrative: Narrative; figures: Record<string, unknown> },
): VersionComparison {
  const strip = (f: Record<string, unknown>) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'tables'));
  const a = leaves(strip(older.figures), '', new Map());
  const b = leaves(strip(newer.figures), '', new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return {
    from: older.version,
    to: newer.version,
    narrative: NARRATIVE_SECTIONS.filter((s) => (older.narrative[s] ?? '') !== (newer.narrative[s] ?? '')).map((section) => ({ section, from: older.narrative[section] ?? '', to: newer.narrative[section] ?? '' })),
    figures: paths.filter((p) => (a.get(p) ?? null) !== (b.get(p) ?? null)).map((path) => ({ path, from: a.get(path) ?? null, to: b.get(path) ?? null })),
  };
}
