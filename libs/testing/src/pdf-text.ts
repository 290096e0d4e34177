import { inflateSync } from 'node:zlib';

/**
 * Reads back the text a PDF shows, page by page and line by line, for assertions on rendered documents. It knows
 * what pdfkit writes for the standard fonts: text as hex strings in `TJ` arrays, WinAnsi-encoded, in content
 * streams that are plain or deflated. Not a general PDF parser.
 */
export interface PdfText {
  /** Per page, each text fragment (one wrapped line of one cell or paragraph) in drawing order. */
  pages: string[][];
  /** All pages' fragments joined with single spaces: phrases that wrapped over two lines are found whole. */
  all: string;
}

// WinAnsiEncoding 0x80–0x9F, the only range that differs from Latin-1.
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š',
  0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
  0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** Decodes one `<…>` hex string of a standard-font text operator. */
export function decodeWinAnsiHex(hex: string): string {
  if (hex.length % 2 !== 0) throw new Error(`Odd-length hex string <${hex}>: a character outside WinAnsi was written`);
  let text = '';
  for (let at = 0; at < hex.length; at += 2) {
    const code = parseInt(hex.slice(at, at + 2), 16);
    text += WIN_ANSI_HIGH[code] ?? String.fromCharCode(code);
  }
  return text;
}

/** The text fragments of one content stream: each `[…] TJ` array's hex strings, concatenated. */
export function textFragments(content: string): string[] {
  const fragments: string[] = [];
  for (const [, array] of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    fragments.push([...array.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => decodeWinAnsiHex(hex)).join(''));
  }
  return fragments;
}

const normalise = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();

export function extractPdfText(pdf: Buffer): PdfText {
  const source = pdf.toString('latin1');
  const objects = new Map<number, { dictionary: string; stream: Buffer | null }>();
  for (const match of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2];
    const streamAt = body.indexOf('stream\n');
    if (streamAt === -1) {
      objects.set(Number(match[1]), { dictionary: body, stream: null });
      continue;
    }
    const dictionary = body.slice(0, streamAt);
    const raw = Buffer.from(body.slice(streamAt + 'stream\n'.length, body.lastIndexOf('\nendstream')), 'latin1');
    objects.set(Number(match[1]), { dictionary, stream: /\/FlateDecode/.test(dictionary) ? inflateSync(raw) : raw });
  }

  const pagesObject = [...objects.values()].find(({ dictionary }) => /\/Type \/Pages\b/.test(dictionary));
  if (!pagesObject) throw new Error('No /Pages object found');
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesObject.dictionary)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map(([, id]) => Number(id));

  const pages = kids.map((id) => {
    const page = objects.get(id);
    const contents = /\/Contents (\d+) 0 R/.exec(page?.dictionary ?? '')?.[1];
    const stream = contents ? objects.get(Number(contents))?.stream : null;
    if (!stream) throw new Error(`Page object ${id} has no content stream`);
    return textFragments(stream.toString('latin1')).map(normalise).filter((line) => line !== '');
  });
  return { pages, all: pages.flat().join(' ') };
}

/** A supertest `.parse()` that keeps the body as bytes, for downloads: `.buffer(true).parse(collectBody)`. */
export function collectBody(res: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
