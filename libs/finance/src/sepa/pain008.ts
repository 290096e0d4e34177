import { formatDecimalCents, isCalendarDate, isValidIban, isValidSepaCreditorId, normalizeIban } from '@buurtcoop/core';
import { SepaError, SepaErrorCode } from './sepa.errors';
import { escapeXml, toSepaId, toSepaText, truncate } from './sepa-text';

/**
 * The pain.008 (SEPA Direct Debit initiation) writer: a collection file as the treasurer uploads it to the bank.
 * Pure: no clock, no database. It refuses input the bank would refuse (bad IBAN, BIC or creditor id, an amount
 * that is not a positive whole number of cents) and repairs what it may (transliteration, lengths).
 */

export const PAIN_VERSIONS = ['.001.02', '.001.08'] as const;
/** pain.008.001.02 (ISO 2009, the Dutch IG v7.0) or pain.008.001.08 (ISO 2019, the EPC rulebooks since 2023). */
export type PainVersion = (typeof PAIN_VERSIONS)[number];

export const SEQUENCE_TYPES = ['FRST', 'RCUR', 'OOFF', 'FNAL'] as const;
export type SequenceType = (typeof SEQUENCE_TYPES)[number];

export interface CollectionParty {
  name: string;
  iban: string;
  bic?: string | null;
  /** The SEPA creditor identifier (incassant-ID), e.g. NL57ZZZ999999999999. */
  creditorId: string;
}

export interface MandateAmendment {
  /** The mandate reference before it changed. */
  originalMandateId?: string | null;
  /** The debtor's IBAN before it changed, when the new account is at the same bank. */
  originalDebtorIban?: string | null;
  /** The debtor moved to another bank: `OrgnlDbtrAgt` carries `SMNDA` (same mandate, new debtor agent). */
  newDebtorAgent?: boolean;
}

export interface CollectionTransaction {
  endToEndId: string;
  amountCents: number;
  mandateId: string;
  /** YYYY-MM-DD */
  mandateSignedOn: string;
  sequenceType: SequenceType;
  amendment?: MandateAmendment | null;
  debtorName: string;
  debtorIban: string;
  debtorBic?: string | null;
  remittance: string;
  /** Overrides the file's collection date for this transaction (YYYY-MM-DD). */
  collectionDate?: string;
}

export interface CollectionFile {
  version: PainVersion;
  messageId: string;
  createdAt: Date;
  creditor: CollectionParty;
  /** YYYY-MM-DD */
  collectionDate: string;
  transactions: CollectionTransaction[];
}

/** The EPC's largest amount of one collection: 999 999 999.99 euro. */
const MAX_TRANSACTION_CENTS = 99_999_999_999;
const SEQUENCE_ORDER: Record<SequenceType, number> = { FRST: 0, RCUR: 1, OOFF: 2, FNAL: 3 };
const BIC_02 = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;
const BIC_08 = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** `1234` → `12.34`: an amount in the file, never negative. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`Not a whole, non-negative number of cents: ${cents}`);
  return formatDecimalCents(cents);
}

/** ISO date-time in UTC without fractions, which both schemas and every Dutch bank accept. */
function dateTime(moment: Date): string {
  return moment.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const invalid = (message: string, field: string) => new SepaError(SepaErrorCode.InvalidCollection, message, field);

class Xml {
  private readonly parts: string[] = [];
  private depth = 0;

  open(tag: string, attributes = ''): this {
    this.parts.push(`${'  '.repeat(this.depth++)}<${tag}${attributes}>`);
    return this;
  }

  close(tag: string): this {
    this.parts.push(`${'  '.repeat(--this.depth)}</${tag}>`);
    return this;
  }

  leaf(tag: string, text: string, attributes = ''): this {
    this.parts.push(`${'  '.repeat(this.depth)}<${tag}${attributes}>${escapeXml(text)}</${tag}>`);
    return this;
  }

  toString(): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n${this.parts.join('\n')}\n`;
  }
}

interface Group {
  sequenceType: SequenceType;
  collectionDate: string;
  transactions: CollectionTransaction[];
  totalCents: number;
}

export function writePain008(file: CollectionFile): string {
  check(file);
  const groups = group(file);
  const totalCents = sum(groups.map((g) => g.totalCents), 'transactions');
  const count = file.transactions.length;
  const messageId = toSepaId(file.messageId);
  const xml = new Xml();
  xml.open('Document', ` xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008${file.version}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`);
  xml.open('CstmrDrctDbtInitn');
  xml.open('GrpHdr').leaf('MsgId', messageId).leaf('CreDtTm', dateTime(file.createdAt)).leaf('NbOfTxs', String(count)).leaf('CtrlSum', formatCents(totalCents));
  xml.open('InitgPty').leaf('Nm', name(file.creditor.name)).close('InitgPty');
  xml.close('GrpHdr');
  groups.forEach((g, index) => writeGroup(xml, file, messageId, g, index));
  xml.close('CstmrDrctDbtInitn');
  xml.close('Document');
  return xml.toString();
}

function writeGroup(xml: Xml, file: CollectionFile, messageId: string, g: Group, index: number): void {
  const suffix = `-${g.sequenceType}-${index + 1}`;
  xml.open('PmtInf');
  xml.leaf('PmtInfId', `${toSepaId(messageId, 35 - suffix.length)}${suffix}`).leaf('PmtMtd', 'DD');
  xml.leaf('NbOfTxs', String(g.transactions.length)).leaf('CtrlSum', formatCents(g.totalCents));
  xml.open('PmtTpInf');
  xml.open('SvcLvl').leaf('Cd', 'SEPA').close('SvcLvl');
  xml.open('LclInstrm').leaf('Cd', 'CORE').close('LclInstrm');
  xml.leaf('SeqTp', g.sequenceType);
  xml.close('PmtTpInf');
  xml.leaf('ReqdColltnDt', g.collectionDate);
  xml.open('Cdtr').leaf('Nm', name(file.creditor.name)).close('Cdtr');
  account(xml, 'CdtrAcct', file.creditor.iban);
  agent(xml, 'CdtrAgt', file.version, file.creditor.bic);
  xml.leaf('ChrgBr', 'SLEV');
  xml.open('CdtrSchmeId').open('Id').open('PrvtId').open('Othr');
  xml.leaf('Id', normalizeIban(file.creditor.creditorId));
  xml.open('SchmeNm').leaf('Prtry', 'SEPA').close('SchmeNm');
  xml.close('Othr').close('PrvtId').close('Id').close('CdtrSchmeId');
  for (const t of g.transactions) writeTransaction(xml, file.version, t);
  xml.close('PmtInf');
}

function writeTransaction(xml: Xml, version: PainVersion, t: CollectionTransaction): void {
  xml.open('DrctDbtTxInf');
  xml.open('PmtId').leaf('EndToEndId', toSepaId(t.endToEndId)).close('PmtId');
  xml.leaf('InstdAmt', formatCents(t.amountCents), ' Ccy="EUR"');
  xml.open('DrctDbtTx').open('MndtRltdInf');
  xml.leaf('MndtId', toSepaId(t.mandateId)).leaf('DtOfSgntr', t.mandateSignedOn);
  const amendment = t.amendment && (t.amendment.originalMandateId || t.amendment.originalDebtorIban || t.amendment.newDebtorAgent) ? t.amendment : null;
  xml.leaf('AmdmntInd', amendment ? 'true' : 'false');
  if (amendment) {
    // The schema fixes the order: OrgnlMndtId, …, OrgnlDbtrAcct, OrgnlDbtrAgt.
    xml.open('AmdmntInfDtls');
    if (amendment.originalMandateId) xml.leaf('OrgnlMndtId', toSepaId(amendment.originalMandateId));
    if (amendment.originalDebtorIban && !amendment.newDebtorAgent) account(xml, 'OrgnlDbtrAcct', amendment.originalDebtorIban);
    if (amendment.newDebtorAgent) xml.open('OrgnlDbtrAgt').open('FinInstnId').open('Othr').leaf('Id', 'SMNDA').close('Othr').close('FinInstnId').close('OrgnlDbtrAgt');
    xml.close('AmdmntInfDtls');
  }
  xml.close('MndtRltdInf').close('DrctDbtTx');
  agent(xml, 'DbtrAgt', version, t.debtorBic);
  xml.open('Dbtr').leaf('Nm', name(t.debtorName)).close('Dbtr');
  account(xml, 'DbtrAcct', t.debtorIban);
  const remittance = truncate(toSepaText(t.remittance), 140);
  if (remittance) xml.open('RmtInf').leaf('Ustrd', remittance).close('RmtInf');
  xml.close('DrctDbtTxInf');
}

function account(xml: Xml, tag: string, iban: string): void {
  xml.open(tag).open('Id').leaf('IBAN', normalizeIban(iban)).close('Id').close(tag);
}

/**
 * A bank by its BIC: `BIC` in .02, `BICFI` in .08. Without a BIC (allowed for IBANs inside the EEA) both
 * schemas still require the agent; the EPC guidelines for both versions fill it with `Othr/Id` NOTPROVIDED.
 */
function agent(xml: Xml, tag: string, version: PainVersion, bic: string | null | undefined): void {
  xml.open(tag).open('FinInstnId');
  if (bic) xml.leaf(version === '.001.02' ? 'BIC' : 'BICFI', bic.toUpperCase());
  else xml.open('Othr').leaf('Id', 'NOTPROVIDED').close('Othr');
  xml.close('FinInstnId').close(tag);
}

/** EPC rule: names at most 70 characters (the schema allows 140). */
function name(text: string): string {
  return truncate(toSepaText(text), 70) || '.';
}

function group(file: CollectionFile): Group[] {
  const groups = new Map<string, Group>();
  for (const t of file.transactions) {
    const collectionDate = t.collectionDate ?? file.collectionDate;
    const key = `${collectionDate}|${t.sequenceType}`;
    const g = groups.get(key) ?? { sequenceType: t.sequenceType, collectionDate, transactions: [], totalCents: 0 };
    g.transactions.push(t);
    g.totalCents = sum([g.totalCents, t.amountCents], 'transactions');
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => a.collectionDate.localeCompare(b.collectionDate) || SEQUENCE_ORDER[a.sequenceType] - SEQUENCE_ORDER[b.sequenceType]);
}

function sum(amounts: number[], field: string): number {
  const total = amounts.reduce((s, a) => s + a, 0);
  if (!Number.isSafeInteger(total)) throw invalid('The total of the collection is too large', field);
  return total;
}

function check(file: CollectionFile): void {
  if (!(PAIN_VERSIONS as readonly string[]).includes(file.version)) throw invalid(`Unknown pain.008 version ${file.version}`, 'version');
  if (!toSepaId(file.messageId)) throw invalid('The message id is empty', 'messageId');
  if (Number.isNaN(file.createdAt.getTime())) throw invalid('The creation time is not a valid moment', 'createdAt');
  if (!isCalendarDate(file.collectionDate)) throw invalid('The collection date must be a date like 2026-12-01', 'collectionDate');
  if (!isValidIban(file.creditor.iban)) throw invalid('The creditor IBAN is not valid', 'creditor.iban');
  if (!isValidSepaCreditorId(file.creditor.creditorId)) throw invalid('The SEPA creditor id is not valid', 'creditor.creditorId');
  checkBic(file.version, file.creditor.bic, 'creditor.bic');
  if (file.transactions.length === 0) throw invalid('A collection file needs at least one transaction', 'transactions');
  const endToEndIds = new Set<string>();
  file.transactions.forEach((t, i) => {
    const field = (name: string) => `transactions[${i}].${name}`;
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0 || t.amountCents > MAX_TRANSACTION_CENTS) {
      throw invalid('An amount must be a whole number of cents, from 1 to 99 999 999 999', field('amountCents'));
    }
    if (!(SEQUENCE_TYPES as readonly string[]).includes(t.sequenceType)) throw invalid(`Unknown sequence type ${t.sequenceType}`, field('sequenceType'));
    if (!isValidIban(t.debtorIban)) throw invalid('The debtor IBAN is not valid', field('debtorIban'));
    checkBic(file.version, t.debtorBic, field('debtorBic'));
    if (!isCalendarDate(t.mandateSignedOn)) throw invalid('The mandate signature date must be a date like 2026-01-31', field('mandateSignedOn'));
    if (t.collectionDate !== undefined && !isCalendarDate(t.collectionDate)) throw invalid('The collection date must be a date like 2026-12-01', field('collectionDate'));
    if (!toSepaId(t.mandateId)) throw invalid('The mandate id is empty', field('mandateId'));
    if (t.amendment?.originalDebtorIban && !isValidIban(t.amendment.originalDebtorIban)) throw invalid('The original debtor IBAN is not valid', field('amendment.originalDebtorIban'));
    const endToEndId = toSepaId(t.endToEndId);
    if (!endToEndId) throw invalid('The end-to-end id is empty', field('endToEndId'));
    // The bank reports returns by end-to-end id: two transactions sharing one could not be told apart.
    if (endToEndIds.has(endToEndId)) throw invalid(`End-to-end id ${endToEndId} is used twice`, field('endToEndId'));
    endToEndIds.add(endToEndId);
  });
}

function checkBic(version: PainVersion, bic: string | null | undefined, field: string): void {
  if (bic && !(version === '.001.02' ? BIC_02 : BIC_08).test(bic.toUpperCase())) throw invalid(`${bic} is not a BIC`, field);
}
