/**
 * The one shape every report hands to its exports (CSV, XLSX, PDF tables): named columns with a kind that
 * says how to write a value, and rows keyed by column. A suppressed cell holds its marker string ("<5",
 * or "x" for a cell hidden to protect another), never the number.
 */
export type ReportColumnKind = 'text' | 'count' | 'cents' | 'minutes' | 'date' | 'month' | 'percent';

export interface ReportColumn {
  key: string;
  /** Heading in Dutch, as the users read it. */
  label: string;
  kind: ReportColumnKind;
}

export type ReportCell = string | number | null;

export interface ReportTable {
  /** File-name friendly, e.g. `uren-per-categorie`. */
  name: string;
  /** Heading in Dutch. */
  title: string;
  columns: ReportColumn[];
  rows: Array<Record<string, ReportCell>>;
}
