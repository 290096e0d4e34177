export enum Camt053ErrorCode {
  /** The root is not a camt.053 `Document` with a `BkToCstmrStmt`. */
  NOT_CAMT053 = 'not-camt053',
  /** A `<!DOCTYPE>` or `<!ENTITY>` declaration: refused so no entity can ever be expanded. */
  DECLARATION_REFUSED = 'declaration-refused',
  /** The XML breaks outside any entry, or the file ends before the document does. */
  MALFORMED_XML = 'malformed-xml',
  /** The XML declaration names an encoding this runtime cannot decode. */
  UNSUPPORTED_ENCODING = 'unsupported-encoding',
}

/** The file as a whole cannot be read as CAMT.053; a problem in one entry is an issue item instead. */
export class Camt053Error extends Error {
  constructor(
    readonly code: Camt053ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'Camt053Error';
  }
}
