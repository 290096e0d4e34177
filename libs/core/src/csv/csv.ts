/**
 * A small RFC 4180 reader for the lists boards keep in spreadsheets and for the banks' CSV exports: quoted fields,
 * doubled quotes, line breaks inside quotes, CRLF or LF, a byte-order mark, `;` or `,` (or tab) as delimiter, and
 * UTF-8 or Windows-1252 bytes. No dependency; the parser takes text in chunks.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvRecord {
  /** The 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvError {
  line: number;
  message: string;
}

export interface CsvDocument {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  records: CsvRecord[];
  errors: CsvError[];
}

// Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as Latin-1 control characters, not as € “ ” – …
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
].map((code) => String.fromCharCode(code));

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]);
}

/** Valid UTF-8 (with or without a byte-order mark) is UTF-8; anything else is taken for Windows-1252, as Excel on Windows saves it. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  }
}

/**
 * {@link decodeCsv} for a byte stream: the encoding is settled by the byte-order mark, else the bytes stay UTF-8 for
 * as long as they are valid UTF-8; the first invalid sequence switches the rest of the stream to Windows-1252 (the
 * text before it was then plain ASCII, which both encodings read alike). A character split over two chunks is held
 * back until its last byte arrives.
 */
export class CsvTextDecoder {
  private mode: CsvEncoding | null = null;
  private pending = new Uint8Array(0);
  private utf16: InstanceType<typeof TextDecoder> | null = null;

  /** The encoding decided so far; null until the first bytes arrived. */
  get encoding(): CsvEncoding | null {
    return this.mode;
  }

  write(chunk: Uint8Array): string {
    const bytes = this.pending.length ? concatBytes(this.pending, chunk) : chunk;
    this.pending = new Uint8Array(0);
    if (this.mode === null) {
      // The byte-order mark may arrive a byte at a time.
      if (bytes.length < 3 && isBomPrefix(bytes)) {
        this.pending = bytes.slice();
        return '';
      }
      return this.decode(this.start(bytes), false);
    }
    return this.decode(bytes, false);
  }

  end(): string {
    const bytes = this.pending;
    this.pending = new Uint8Array(0);
    if (this.mode === null) return bytes.length ? this.decode(this.start(bytes), true) : '';
    return this.decode(bytes, true);
  }

  private start(bytes: Uint8Array): Uint8Array {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return this.startUtf16('utf-16le', bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return this.startUtf16('utf-16be', bytes);
    this.mode = 'utf-8';
    return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  }

  private startUtf16(encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array): Uint8Array {
    this.mode = encoding;
    this.utf16 = new TextDecoder(encoding);
    return bytes.subarray(2);
  }

  private decode(bytes: Uint8Array, final: boolean): string {
    if (this.utf16) return this.utf16.decode(bytes, { stream: !final });
    if (this.mode === 'windows-1252') return decodeWindows1252(bytes);
    const complete = final ? bytes.length : completeUtf8Length(bytes);
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, complete));
      this.pending = bytes.slice(complete);
      return text;
    } catch {
      this.mode = 'windows-1252';
      return decodeWindows1252(bytes);
    }
  }
}

function isBomPrefix(bytes: Uint8Array): boolean {
  const boms = [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]];
  return boms.some((bom) => bytes.length < bom.length && bytes.every((b, i) => b === bom[i]));
}

/** The length of `bytes` without a UTF-8 sequence that is cut off at the end. */
function completeUtf8Length(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return needed > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

const DELIMITERS: readonly CsvDelimiter[] = [';', ',', '\t'];

/** The delimiter that occurs most often in the header (the first non-empty line), outside quotes; a comma when there is none. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let start = 0;
  while (text[start] === '\r' || text[start] === '\n') start++;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) as number) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) as number) > (counts.get(best) as number)) best = d;
  return best;
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the first of a doubled quote or the closing one. */
  QuoteInQuoted,
}

/**
 * Incremental parser: `write` text as it arrives and collect the records it completes; `end` flushes
 * the last one. Empty lines are skipped. A quote that is never closed is an error on the line where it
 * opened (the rest of the file went into that field, so its record is dropped).
 */
export class CsvParser {
  readonly errors: CsvError[] = [];
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private recordStarted = false;
  private afterCarriageReturn = false;

  constructor(private readonly delimiter: CsvDelimiter) {}

  write(chunk: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.afterCarriageReturn) {
        this.afterCarriageReturn = false;
        // The LF of a CRLF: the line was already counted at the CR.
        if (c === '\n') {
          if (this.state === State.Quoted) this.field += c;
          continue;
        }
      }
      this.consume(c, records);
    }
    return records;
  }

  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    if (this.state === State.Quoted) {
      this.errors.push({ line: this.quoteLine, message: `A quoted field that starts on line ${this.quoteLine} is never closed (a " is missing)` });
      this.reset();
    } else if (this.recordStarted) {
      this.endRecord(records);
    }
    return records;
  }

  private consume(c: string, records: CsvRecord[]): void {
    if (this.state === State.Quoted) {
      if (c === '"') {
        this.state = State.QuoteInQuoted;
      } else {
        this.field += c;
        if (c === '\n') this.line++;
        else if (c === '\r') {
          this.line++;
          this.afterCarriageReturn = true;
        }
      }
      return;
    }
    if (this.state === State.QuoteInQuoted) {
      if (c === '"') {
        this.field += '"';
        this.state = State.Quoted;
        return;
      }
      // Closed; anything up to the next delimiter is kept (lenient, e.g. `"12" a`).
      this.state = State.Unquoted;
    }
    if (c === '\n' || c === '\r') {
      if (this.recordStarted) this.endRecord(records);
      this.line++;
      this.afterCarriageReturn = c === '\r';
      return;
    }
    if (!this.recordStarted) {
      this.recordStarted = true;
      this.recordLine = this.line;
    }
    if (c === this.delimiter) {
      this.fields.push(this.field);
      this.field = '';
      this.state = State.FieldStart;
    } else if (c === '"' && this.state === State.FieldStart) {
      this.state = State.Quoted;
      this.quoteLine = this.line;
    } else {
      this.field += c;
      this.state = State.Unquoted;
    }
  }

  private endRecord(records: CsvRecord[]): void {
    this.fields.push(this.field);
    records.push({ line: this.recordLine, fields: this.fields });
    this.reset();
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.state = State.FieldStart;
    this.recordStarted = false;
  }
}

/** Decodes, detects the delimiter and parses a whole file. */
export function parseCsv(input: Uint8Array | string, options: { delimiter?: CsvDelimiter } = {}): CsvDocument {
  const { text, encoding } = typeof input === 'string' ? { text: input.replace(/^\uFEFF/, ''), encoding: 'utf-8' as const } : decodeCsv(input);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const parser = new CsvParser(delimiter);
  const records = [...parser.write(text), ...parser.end()];
  return { encoding, delimiter, records, errors: parser.errors };
}
