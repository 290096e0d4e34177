/**
 * Text as SEPA banks accept it. The Dutch guidelines (and the EPC's) allow UTF-8 but only the Latin subset
 * `a-z A-Z 0-9 / - ? : ( ) . , ' +` and space; a bank may reject a whole file for one `é`, so names are
 * transliterated rather than passed through.
 */

const ALLOWED = /[A-Za-z0-9/\-?:().,'+ ]/;

/** Letters that do not decompose into a base letter plus accents. */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'SS', ĳ: 'ij', Ĳ: 'IJ', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', ħ: 'h', Ħ: 'H', ŀ: 'l', Ŀ: 'L', ŉ: "'n",
  '&': '+', '‘': "'", '’': "'", '‚': "'", '`': "'", '´': "'", '"': "'", '“': "'", '”': "'", '„': "'",
  '–': '-', '—': '-', '‐': '-', '‑': '-', _: '-', '…': '...', '[': '(', ']': ')', '{': '(', '}': ')',
};

/**
 * `Coöperatie Zon & Dak — Jeanne d’Arc, Straße` → `Cooperatie Zon + Dak - Jeanne d'Arc, Strasse`.
 * Accents are dropped, ligatures spelled out; white space becomes a single space; any other character a `.`.
 */
export function toSepaText(input: string): string {
  let out = '';
  for (const char of input.normalize('NFC')) {
    if (ALLOWED.test(char)) out += char;
    else if (SPECIAL[char] !== undefined) out += SPECIAL[char];
    else if (/\s/u.test(char)) out += ' ';
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += base.length > 0 && [...base].every((c) => ALLOWED.test(c)) ? base : '.';
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Cuts to `max` characters (after transliteration, so one character is one byte) without a trailing space. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max).trimEnd();
}

/**
 * An identifier (message, payment, end-to-end, mandate): the SEPA set without spaces, and — an EPC rule for
 * identifiers — no `/` at the start or end and never `//`.
 */
export function toSepaId(input: string, max = 35): string {
  const text = toSepaText(input).replace(/ /g, '-').replace(/\/{2,}/g, '/');
  return truncate(text, max).replace(/^\/+|\/+$/g, '');
}

/** True when `id` needs no change to be a SEPA identifier of at most `max` characters. */
export function isSepaId(id: string, max = 35): boolean {
  return id.length >= 1 && id.length <= max && /^[A-Za-z0-9/\-?:().,'+]+$/.test(id) && !id.startsWith('/') && !id.endsWith('/') && !id.includes('//');
}

/** XML character escaping for text content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
