import { SponsorImpactError, SponsorImpactErrorCode } from './sponsor-impact.errors';

/** A range of postcode-4 numbers, both bounds included. */
export interface PostcodeRange {
  from: number;
  to: number;
}

export const MAX_POSTCODE_ITEMS = 50;
const ITEM = /^(\d{4})(?:-(\d{4}))?$/;

const invalid = (message: string) => new SponsorImpactError(SponsorImpactErrorCode.InvalidPostcodes, message, 'postcodes');

/**
 * Reads `7411-7418,7421` into ranges: each item a postcode-4 (1000–9999) or a range `a-b` with a ≤ b, at most
 * {@link MAX_POSTCODE_ITEMS} items. Overlapping and adjacent ranges are merged, so the result is sorted and disjoint.
 */
export function parsePostcodeRanges(text: string): PostcodeRange[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.length > MAX_POSTCODE_ITEMS) throw invalid(`postcodes may list at most ${MAX_POSTCODE_ITEMS} postcodes or ranges, got ${items.length}`);
  const ranges = items.map((item) => {
    const match = ITEM.exec(item);
    if (!match) throw invalid(`postcodes must be postcode-4 numbers or ranges like 7411-7418, separated by commas; "${item}" is neither`);
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    if (from < 1000 || to < 1000) throw invalid(`postcodes must lie between 1000 and 9999; "${item}" does not`);
    if (from > to) throw invalid(`postcodes range "${item}" runs backwards: its first postcode must not be above its last`);
    return { from, to };
  });
  ranges.sort((a, b) => a.from - b.from);
  const merged: PostcodeRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}

/** `7411–7418, 7421`: ranges as a sponsor reads them. */
export function formatPostcodeRanges(ranges: readonly PostcodeRange[]): string {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`)).join(', ');
}
