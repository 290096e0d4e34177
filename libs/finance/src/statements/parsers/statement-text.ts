import { CsvEncoding, CsvTextDecoder, IBAN_LENGTHS, normalizeIban } from '@buurtcoop/core';
import { findStructuredReference } from './structured-reference';

/**
 * Helpers the MT940 and CSV readers share: decoding a byte stream into text, and reading the description fields
 * Dutch banks fill in three ways — SWIFT-style codes (`/EREF/…/IBAN/…/NAME/…/REMI/…`), labels (`Naam: … IBAN: …
 * Omschrijving: …`) or plain text.
 */

/** Decoded text of a byte stream, chunk by chunk, UTF-8 (with or without BOM) or Windows-1252. */
export async function* decodeChunks(input: AsyncIterable<Buffer>, onEncoding?: (encoding: CsvEncoding) => void): AsyncGenerator<string> {
  const decoder = new CsvTextDecoder();
  for await (const chunk of input) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
  if (decoder.encoding && onEncoding) onEncoding(decoder.encoding);
}

export interface TextLine {
  /** 1-based. */
  number: number;
  text: string;
}

/** The lines of a byte stream (LF, CRLF or CR), without their line ends, as the chunks arrive. */
export async function* readLines(input: AsyncIterable<Buffer>): AsyncGenerator<TextLine> {
  let carry = '';
  let number = 0;
  let afterCarriageReturn = false;
  for await (const text of decodeChunks(input)) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== '\n' && c !== '\r') continue;
      if (c === '\n' && afterCarriageReturn && i === start && carry === '') {
        // The LF of a CRLF split from its CR.
        afterCarriageReturn = false;
        start = i + 1;
        continue;
      }
      yield { number: ++number, text: carry + text.slice(start, i) };
      carry = '';
      afterCarriageReturn = c === '\r';
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
    if (start < text.length) {
      carry += text.slice(start);
      afterCarriageReturn = false;
    }
  }
  if (carry !== '') yield { number: ++number, text: carry };
}

/** An IBAN-shaped account (country, check digits, the registry length), normalised; null for anything else, such as a Dutch pre-IBAN account number. The mod-97 check is left to the importer: bank test files use made-up IBANs. */
export function ibanOrNull(text: string | null | undefined): string | null {
  if (!text) return null;
  const iban = normalizeIban(text);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/.test(iban)) return null;
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  return length === undefined || length === iban.length ? iban : null;
}

/** The IBAN in a field that may surround it with a BIC or currency (`INGBNL2A/NL20INGB0001234567`, `NL71RABO0123456789EUR`). */
export function findIban(text: string): string | null {
  for (const match of text.toUpperCase().matchAll(/[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}/g)) {
    const length = IBAN_LENGTHS[match[0].slice(0, 2)];
    if (length === undefined || match[0].length < length) continue;
    const rest = match[0].slice(length);
    if (rest === '' || /^[A-Z]{3}$/.test(rest)) return match[0].slice(0, length);
  }
  return null;
}

export interface EntryInformation {
  counterpartyIban: string | null;
  counterpartyName: string | null;
  remittance: string | null;
  structuredReference: string | null;
  endToEndId: string | null;
  mandateId: string | null;
  returnReason: string | null;
  /** The bank's transaction type from `/TRTP/`, when given. */
  transactionType: string | null;
}

export const NO_INFORMATION: EntryInformation = {
  counterpartyIban: null,
  counterpartyName: null,
  remittance: null,
  structuredReference: null,
  endToEndId: null,
  mandateId: null,
  returnReason: null,
  transactionType: null,
};

/** Codes of the structured `:86:` form (Dutch banks' MT940 and ABN AMRO's TAB export); a `/`-separated token that is not one of these belongs to the value before it. */
const INFORMATION_CODES = new Set([
  'EREF', 'IBAN', 'BIC', 'NAME', 'REMI', 'CSID', 'MARF', 'RTRN', 'TRTP', 'CNTP', 'ISDT', 'BENM', 'ORDP', 'ULTD', 'ULTC',
  'ULTB', 'UDTR', 'UCRD', 'PURP', 'SVCL', 'ADDR', 'PREF', 'NRTX', 'BUSP', 'EXCH', 'CHGS', 'OCMT', 'RTYP', 'ACCW',
]);

/** Reads a description in whichever of the three forms it comes. */
export function parseInformation(text: string | null | undefined): EntryInformation {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { ...NO_INFORMATION };
  if (isCodedInformation(trimmed)) return parseCodedInformation(trimmed);
  if (GVC_START.test(trimmed)) return parseGvcInformation(trimmed);
  if (new RegExp(LABEL).test(trimmed)) return parseLabelledInformation(trimmed);
  const remittance = collapse(trimmed);
  return { ...NO_INFORMATION, remittance, structuredReference: findStructuredReference(remittance) };
}

export function isCodedInformation(text: string): boolean {
  const first = /^\/([A-Z]{2,4})\//.exec(text);
  return first !== null && INFORMATION_CODES.has(first[1]);
}

/** `/EREF/…/IBAN/…/NAME/…/REMI/…/CSID/…/MARF/…/RTRN/…`, with ING's `/CNTP/iban/bic/name/city/` and Rabobank's `/BENM//NAME/…`. */
export function parseCodedInformation(text: string): EntryInformation {
  const values = new Map<string, string>();
  let code: string | null = null;
  let value: string[] = [];
  const flush = () => {
    if (code !== null && !values.has(code)) values.set(code, value.join('/'));
  };
  for (const token of text.replace(/^\//, '').split('/')) {
    if (INFORMATION_CODES.has(token)) {
      flush();
      code = token;
      value = [];
    } else {
      value.push(token);
    }
  }
  flush();
  const get = (key: string) => {
    const v = values.get(key)?.replace(/\/+$/, '').trim();
    return v ? v : null;
  };

  const cntp = values.get('CNTP')?.split('/') ?? [];
  const remi = get('REMI');
  const structuredFromRemi = remi ? structuredReferenceOfRemi(remi) : null;
  const remittance = remi && !structuredFromRemi ? collapse(remi.replace(/^USTD\/\/?/, '').replace(/\/+$/, '')) : null;
  const eref = get('EREF');
  const rtrn = get('RTRN');
  return {
    counterpartyIban: ibanOrNull(get('IBAN')) ?? ibanOrNull(cntp[0]),
    counterpartyName: collapse(get('NAME') ?? cntp[2] ?? '') || null,
    remittance: remittance || null,
    structuredReference: structuredFromRemi ?? findStructuredReference(remittance),
    endToEndId: eref && eref.toUpperCase() !== 'NOTPROVIDED' ? eref : null,
    mandateId: get('MARF'),
    returnReason: rtrn ? returnReasonCode(rtrn) : null,
    transactionType: get('TRTP'),
  };
}

/** `/REMI/CDTRREFTP//CD/SCOR/ISSR/CUR/CDTRREF/1234…` (Rabobank, ABN AMRO) or `/REMI/STRD/CUR/1234…/` (ING). */
function structuredReferenceOfRemi(remi: string): string | null {
  const match = /CDTRREF\/([A-Z0-9 ]+)/i.exec(remi) ?? /^STRD\/(?:CUR|ISO)\/([A-Z0-9 ]+)/i.exec(remi);
  return match ? match[1].replace(/ /g, '').toUpperCase() : null;
}

const GVC_START = /^[0-9]{3}>[0-9]{2}/;

/** The German-style `000>10…>20…>21…>31…>32…` subfields Triodos (and older Rabobank files) use: >2x description, >10 or >31 account, >32/>33 name. */
export function parseGvcInformation(text: string): EntryInformation {
  const fields = new Map<string, string>();
  for (const match of text.replace(/\n/g, '').matchAll(/>([0-9]{2})([^>]*)/g)) fields.set(match[1], (fields.get(match[1]) ?? '') + match[2]);
  const description = [...fields.keys()].filter((key) => key.startsWith('2')).sort().map((key) => fields.get(key)).join('');
  const remittance = collapse(description) || null;
  return {
    ...NO_INFORMATION,
    counterpartyIban: ibanOrNull(fields.get('31')) ?? ibanOrNull(fields.get('10')),
    counterpartyName: collapse(`${fields.get('32') ?? ''}${fields.get('33') ?? ''}`) || null,
    remittance,
    structuredReference: findStructuredReference(remittance),
  };
}

/** `MS03`, `MS03 Reden niet gespecificeerd`, `MS03/reason`: the ISO code; other text as it stands. */
export function returnReasonCode(text: string): string {
  const code = /^([A-Z]{2}[0-9]{2})\b/.exec(text.trim());
  return code ? code[1] : collapse(text);
}

const LABEL = /(?:^|\s|\/)(Naam|NAAM|IBAN|REK|BIC|Omschrijving|OMSCHRIJVING|Kenmerk|KENMERK|Machtiging ID|MACHTIGING|Incassant ID|INCASSANT|Valutadatum|Betalingskenm\.?|BETALINGSKENM\.?|Datum\/Tijd|Pasvolgnr|Transactie|Term)\s*:/;

/** `Naam: … Omschrijving: … IBAN: … Kenmerk: … Machtiging ID: … Valutadatum: …` (ING's Mededelingen, ABN AMRO's older SEPA text, Knab's `REK: …/NAAM: …`). */
export function parseLabelledInformation(text: string): EntryInformation & { valueDate: string | null } {
  const labels = [...text.matchAll(new RegExp(LABEL, 'g'))];
  const parts = new Map<string, string>();
  labels.forEach((label, i) => {
    const start = (label.index ?? 0) + label[0].length;
    const end = i + 1 < labels.length ? (labels[i + 1].index ?? text.length) : text.length;
    const key = label[1].toLowerCase().replace(/\.$/, '');
    if (!parts.has(key)) parts.set(key, collapse(text.slice(start, end).replace(/\/\s*$/, '')));
  });
  const lead = collapse(text.slice(0, labels[0]?.index ?? text.length));
  const get = (...keys: string[]) => keys.map((k) => parts.get(k)).find((v) => v) ?? null;
  const description = get('omschrijving');
  const remittance = description ?? (lead || null);
  const kenmerk = get('kenmerk', 'betalingskenm');
  const structuredKenmerk = kenmerk ? findStructuredReference(kenmerk) : null;
  const valutadatum = get('valutadatum');
  const valueDate = valutadatum && /^(\d{2})-(\d{2})-(\d{4})/.exec(valutadatum);
  return {
    counterpartyIban: ibanOrNull(get('iban', 'rek')),
    counterpartyName: get('naam'),
    remittance,
    structuredReference: structuredKenmerk ?? findStructuredReference(remittance),
    endToEndId: kenmerk && !structuredKenmerk && kenmerk.toUpperCase() !== 'NOTPROVIDED' ? kenmerk : null,
    mandateId: get('machtiging id', 'machtiging'),
    returnReason: null,
    transactionType: null,
    valueDate: valueDate ? `${valueDate[3]}-${valueDate[2]}-${valueDate[1]}` : null,
  };
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
