/**
 * IBAN and SEPA creditor id validation against real Dutch bank files in ../shared/reference-data.
 *
 * Every IBAN-looking token is extracted from every statement, initiation and export file, and the catalogue below
 * says, per file, which of them the product must accept and which are known to be invalid (and why). The test is
 * exact both ways: an extra or missing token, a valid IBAN that is rejected, or a known-invalid one that is
 * accepted all fail. A new reference file fails the inventory check until it is catalogued here.
 *
 * What counts as IBAN-looking:
 *  - XML (camt.053, pain.008): every <IBAN> element, every `/IBAN/…/` keyword in ABN AMRO-style AddtlNtryInf strings;
 *  - CSV exports: the own-account and counter-account columns, when the value starts with a country code and check
 *    digits (other values, such as Knab's 8-digit domestic numbers, are listed as non-IBAN account numbers);
 *  - MT940: `:25:` account lines that hold an IBAN (others are listed as non-IBAN account numbers);
 *  - everywhere, also any free-text token of 2 capitals, 2 digits and alphanumerics whose length is exactly the IBAN
 *    length of that country (this catches IBANs in <Othr><Id>, MT940 :86: lines and CSV descriptions).
 */
import { IBAN_LENGTHS, isValidIban, isValidSepaCreditorId, normalizeIban } from '@buurtcoop/core';
import {
  csvRecords,
  describeWithReferenceData,
  listReference,
  mt940Fields,
  parseCsv,
  readReference,
  xmlBlocks,
  xmlTexts,
} from './reference-data';

// ---------------------------------------------------------------------------------------------------------------
// Catalogue

type InvalidKind =
  /** right country length, but the ISO 13616 mod-97 check fails */
  | 'checksum'
  /** not the registry length for that country */
  | 'length';

interface InvalidIban {
  kind: InvalidKind;
  reason: string;
}

interface IbanExpectation {
  valid: string[];
  invalid: Record<string, InvalidIban>;
  /** Values of account fields (`:25:`, CSV account columns) that are not IBANs at all. */
  nonIbanAccounts?: string[];
}

const ANON_NINES = 'anonymised: the account number was replaced by 9s, so the check digits no longer match';
const ANON_ZEROS = 'anonymised: the account number was replaced by 0s, so the check digits no longer match';
const FICTITIOUS = 'fictitious account in a bank-published sample; the check digits do not match';

const IBANS: Record<string, IbanExpectation> = {
  // --- camt.053 ------------------------------------------------------------------------------------------------
  'camt053-samples/abnamro-example.camt053.001.02.xml': {
    valid: ['NL77ABNA0574908765', 'NL27ABNA0562326340'],
    invalid: {
      NL46ABNA0499998748: { kind: 'checksum', reason: FICTITIOUS },
      NL46ABNA0401378749: { kind: 'checksum', reason: FICTITIOUS },
      NL21INGB0000773837: { kind: 'checksum', reason: FICTITIOUS },
      NL87SNSB0941352955: { kind: 'checksum', reason: FICTITIOUS },
      BE21319980275903: { kind: 'checksum', reason: `${FICTITIOUS} (creditor of the Belgian SEPA Incasso)` },
      NL27ABNA0592326340: {
        kind: 'checksum',
        reason:
          'counterparty "Debtor" of the "terugboeking bank" reversal: the valid NL27ABNA0562326340 with one digit' +
          ' changed (6 -> 9),' +
          ' a typo that mod-97 catches; correct check digits for this number would be 79',
      },
      NL27ABNA0562399340: {
        kind: 'checksum',
        reason:
          'only in the /IBAN/ keyword of the "niet uitgevoerd" reversal, whose own <IBAN> element says' +
          ' NL27ABNA0562326340: the two disagree in two digits, and this one is invalid',
      },
    },
  },
  'camt053-samples/bng-50-sdd-entries.camt053.001.02.xml': {
    // 50 <IBAN> elements, all the same creditor account; the statement account itself is <Othr> 105084986 (GS, USD).
    valid: ['NL91INGB0003000047'],
    invalid: {},
  },
  'camt053-samples/bng-anonymised-23-entries.camt053.001.02.xml': {
    // Anonymised by hand, but with real (or correctly re-computed) IBANs: every one validates.
    valid: [
      'NL49BNGH0285171712',
      'NL10ABNA0240120000',
      'NL18INGB0005309282',
      'NL27INGB0702712736',
      'NL28INGB0000128526',
      'NL36INGB0003445588',
      'NL41INGB0000467598',
      'NL54INGB0000000503',
      'NL58INGB0000003050',
      'NL71ABNA0629639183',
      'NL75RABO0101000731',
      'NL93INGB0007939833',
      'NL98INGB0000845745',
    ],
    invalid: {},
  },
  'camt053-samples/genkgo-nl.camt053.001.08.xml': {
    // NL26VAYB8060476890 is the statement account, given as <Othr><Id> rather than <IBAN>; found by the free-text scan.
    valid: ['NL26VAYB8060476890', 'NL56AGDH9619008421'],
    invalid: {},
  },
  'camt053-samples/ing-example.camt053.001.02.xml': {
    valid: ['NL08INGB0000001234', 'NL20INGB0001234567', 'NL20INGB0005047249'],
    invalid: {},
  },
  'camt053-samples/ing-style-batch.camt053.001.02.xml': {
    valid: [],
    invalid: {
      NL11INGB0001234567: {
        kind: 'checksum',
        reason: 'anonymised by viafintech: NL20INGB0001234567 (valid, see ing-example) with the check digits changed',
      },
      NL18INGB00012345678: { kind: 'length', reason: 'anonymised by viafintech to 19 characters (NL IBANs have 18)' },
      NL86INGB00066666666: { kind: 'length', reason: 'anonymised by viafintech to 19 characters (NL IBANs have 18)' },
    },
  },
  'camt053-samples/oca-abnamro-style.camt053.001.02.xml': {
    valid: ['NL77ABNA0574908765', 'NL69ABNA0522123643'],
    invalid: {
      NL46ABNA0499998748: { kind: 'checksum', reason: `${FICTITIOUS} (copied from the ABN AMRO example)` },
    },
  },
  'camt053-samples/rabobank-example.camt053.001.02.xml': {
    // NL13TEST0123456789 validates although the bank code TEST is made up: mod-97 knows nothing about bank codes.
    valid: ['NL44RABO0123456789', 'NL13TEST0123456789'],
    invalid: {},
  },

  // --- pain.008 ------------------------------------------------------------------------------------------------
  'pain008-samples/abnamro-example.pain.008.001.02.xml': {
    valid: [],
    invalid: {
      DE12345678901234567890: {
        kind: 'checksum',
        reason: 'placeholder 12345678901234567890 used for both creditor and debtor; correct check digits would be 79',
      },
    },
  },
  'pain008-samples/ing-example.pain.008.001.02.xml': {
    valid: ['NL28INGB0000000001', 'NL98INGB0000000002'],
    invalid: {},
  },
  'pain008-samples/php-sepa-xml.pain.008.001.08.xml': {
    valid: ['DE87200500001234567890'],
    invalid: {
      BG87200500001234567890: {
        kind: 'checksum',
        reason:
          'the debtor IBAN DE87200500001234567890 with the country code changed to BG: the check digits no longer' +
          ' match (and a real BG BBAN starts with a 4-letter bank code)',
      },
    },
  },

  // --- CSV exports (all anonymised by gpaulissen/ofxstatement-dutch: not one real IBAN) ----------------------------
  'nl-bank-exports/csv/asnbank-transactie-historie.csv': {
    valid: [],
    invalid: {
      NL00ASNB9999999999: { kind: 'checksum', reason: `${ANON_NINES}; check digits 00 are never issued` },
      NL99ASNB0000000000: { kind: 'checksum', reason: ANON_ZEROS },
      NL11ABNA0000000000: { kind: 'checksum', reason: ANON_ZEROS },
      NL24ABNA0000000000: { kind: 'checksum', reason: ANON_ZEROS },
      NL25INGB0000000000: { kind: 'checksum', reason: ANON_ZEROS },
      FR0000000000000000000000000: { kind: 'checksum', reason: 'anonymised: all zeros, check digits 00' },
    },
  },
  'nl-bank-exports/csv/ing-export-comma.csv': {
    valid: [],
    invalid: {
      NL99INGB9999999999: { kind: 'checksum', reason: ANON_NINES },
      NL99ASNB9999999999: { kind: 'checksum', reason: `${ANON_NINES} (also quoted in Mededelingen as "IBAN: …")` },
    },
  },
  'nl-bank-exports/csv/ing-export-semicolon.csv': {
    valid: [],
    invalid: {
      NL99INGB9999999999: { kind: 'checksum', reason: ANON_NINES },
      NL99ASNB9999999999: { kind: 'checksum', reason: `${ANON_NINES} (also quoted in Mededelingen as "IBAN: …")` },
    },
  },
  'nl-bank-exports/csv/knab-transactieoverzicht.csv': {
    valid: [],
    invalid: {
      NL99KNAB9999999999: { kind: 'checksum', reason: ANON_NINES },
      NL99ASNB9999999999: { kind: 'checksum', reason: ANON_NINES },
      FR9999999999999999999999999: { kind: 'checksum', reason: ANON_NINES },
    },
    // Incoming payments show the payer as an anonymised 8-digit pre-IBAN domestic account number.
    nonIbanAccounts: ['99999999'],
  },

  // --- MT940 ---------------------------------------------------------------------------------------------------
  'nl-bank-exports/mt940/jejik-abnamro.sta': { valid: [], invalid: {}, nonIbanAccounts: ['517852257'] },
  'nl-bank-exports/mt940/jejik-ing.sta': { valid: [], invalid: {}, nonIbanAccounts: ['0001234567'] },
  'nl-bank-exports/mt940/jejik-knab.sta': {
    valid: [],
    invalid: {
      // Both in ":86: REK: <iban>/NAAM: …" lines.
      NL65INGB0123456789: { kind: 'checksum', reason: 'made-up counter-account (0123456789) in the jejik fixture' },
      NL84INGB0234561789: { kind: 'checksum', reason: 'made-up counter-account in the jejik fixture' },
    },
    nonIbanAccounts: ['123456789'],
  },
  'nl-bank-exports/mt940/jejik-rabobank-iban.sta': {
    valid: [],
    invalid: {
      NL71RABO0123456789: { kind: 'checksum', reason: 'made-up own account (:25:) in the jejik fixture' },
      NL70ABNA0987654321: {
        kind: 'checksum',
        reason: 'made-up counter-account (:61: second line) in the jejik fixture',
      },
    },
  },
  'nl-bank-exports/mt940/jejik-sns.sta': { valid: [], invalid: {}, nonIbanAccounts: ['0123456789'] },
  'nl-bank-exports/mt940/jejik-triodos.sta': { valid: [], invalid: {}, nonIbanAccounts: ['TRIODOSBANK/0390123456'] },
  'nl-bank-exports/mt940/wolph-asnbank.mt940.txt': {
    valid: [],
    invalid: {
      NL81ASNB9999999999: { kind: 'checksum', reason: `${ANON_NINES} (own account, :25:)` },
      NL47INGB9999999999: { kind: 'checksum', reason: ANON_NINES },
      NL56ASNB9999999999: { kind: 'checksum', reason: ANON_NINES },
      NL08ABNA9999999999: { kind: 'checksum', reason: ANON_NINES },
      NL25INGB9999999999: { kind: 'checksum', reason: ANON_NINES },
    },
  },
};

interface CreditorIdExpectation {
  valid: string[];
  invalid: Record<string, string>;
}

/** SEPA creditor identifiers, from `/CSID/…/` keywords and `<Othr><Id>` with scheme name SEPA. */
const CREDITOR_IDS: Record<string, CreditorIdExpectation> = {
  'camt053-samples/abnamro-example.camt053.001.02.xml': { valid: ['BE57XC00476306127'], invalid: {} },
  'camt053-samples/bng-50-sdd-entries.camt053.001.02.xml': { valid: ['NL12ZZZ091567230000'], invalid: {} },
  'camt053-samples/bng-anonymised-23-entries.camt053.001.02.xml': {
    valid: [],
    invalid: {
      NL66BNGH01234567890: 'anonymised: business code "BNG" and a 0123456789 national part; check digits do not match',
      NL66BNGH01234567891: 'anonymised like NL66BNGH01234567890',
      NL66BNGH01234567894: 'anonymised like NL66BNGH01234567890',
    },
  },
  'camt053-samples/genkgo-nl.camt053.001.08.xml': { valid: [], invalid: {} },
  'camt053-samples/ing-example.camt053.001.02.xml': {
    valid: [],
    invalid: { NL11ZZZ111123333111: 'placeholder in the ING sample; correct check digits would be 69' },
  },
  'camt053-samples/ing-style-batch.camt053.001.02.xml': { valid: [], invalid: {} },
  // The mandate ids in this file start with the valid creditor id NL22ZZZ524885430000, but no creditor id field exists.
  'camt053-samples/oca-abnamro-style.camt053.001.02.xml': { valid: [], invalid: {} },
  'camt053-samples/rabobank-example.camt053.001.02.xml': { valid: [], invalid: {} },
  'pain008-samples/abnamro-example.pain.008.001.02.xml': {
    valid: [],
    invalid: {
      NL89ZZZ011234567890: 'placeholder in the ABN AMRO/ING voorbeeldbestand; correct check digits would be 03',
    },
  },
  'pain008-samples/ing-example.pain.008.001.02.xml': {
    valid: [],
    invalid: {
      NL89ZZZ011234567890: 'placeholder in the ABN AMRO/ING voorbeeldbestand; correct check digits would be 03',
    },
  },
  'pain008-samples/php-sepa-xml.pain.008.001.08.xml': {
    valid: [],
    invalid: { BG40ZZZ507778: 'php-sepa-xml test value; correct check digits would be 22' },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Extraction

const FOLDERS = ['camt053-samples', 'pain008-samples', 'nl-bank-exports/csv', 'nl-bank-exports/mt940'];

/** 2 capitals, 2 digits, 11..30 alphanumerics, not glued to other letters or digits. */
const IBAN_SHAPED = /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}(?![A-Za-z0-9])/g;
const IBAN_START = /^[A-Z]{2}[0-9]{2}/;

interface Extracted {
  ibans: Set<string>;
  nonIbanAccounts: Set<string>;
}

function freeTextIbans(text: string): string[] {
  return [...text.matchAll(IBAN_SHAPED)].map((m) => m[0]).filter((t) => IBAN_LENGTHS[t.slice(0, 2)] === t.length);
}

function extractIbans(file: string, text: string): Extracted {
  const ibans = new Set<string>(freeTextIbans(text));
  const nonIbanAccounts = new Set<string>();
  const account = (value: string): void => {
    const v = normalizeIban(value);
    if (v === '') return;
    (IBAN_START.test(v) ? ibans : nonIbanAccounts).add(v);
  };

  if (file.endsWith('.xml')) {
    xmlTexts(text, 'IBAN').forEach((v) => ibans.add(normalizeIban(v)));
    for (const m of text.matchAll(/\/IBAN\/([^/<]*)/g)) ibans.add(normalizeIban(m[1]));
  } else if (file.endsWith('.csv')) {
    for (const [, value] of csvAccountFields(file, text)) account(value);
  } else {
    for (const value of mt940Fields(text, '25')) {
      // ING-style ":25:NL69INGB0123456789EUR" carries the currency after the IBAN.
      const withoutCurrency = value.replace(/^([A-Z]{2}[0-9]{2}[A-Z0-9]+?)(EUR)$/, (whole, iban: string) =>
        IBAN_LENGTHS[iban.slice(0, 2)] === iban.length ? iban : whole,
      );
      account(withoutCurrency);
    }
  }
  return { ibans, nonIbanAccounts };
}

/** [column name, value] of the own-account and counter-account fields of every row. */
function csvAccountFields(file: string, text: string): [string, string][] {
  const fields: [string, string][] = [];
  if (file.includes('asnbank')) {
    // ASN exports have no header: 19 columns, 1 = opdrachtgeversrekening, 2 = tegenrekeningnummer.
    for (const row of parseCsv(text, ',', "'")) {
      expect(row).toHaveLength(19);
      fields.push(['opdrachtgeversrekening', row[1]], ['tegenrekeningnummer', row[2]]);
    }
    return fields;
  }
  // Knab: ";" with a "KNAB EXPORT;;;…" line above the header. ING: "," or ";" depending on the export setting.
  const delimiter = text.startsWith('"Datum";') || file.includes('knab') ? ';' : ',';
  const rows = parseCsv(text, delimiter);
  const records = csvRecords(file.includes('knab') ? rows.slice(1) : rows);
  const columns = ['Rekening', 'Tegenrekening', 'Rekeningnummer', 'Tegenrekeningnummer'];
  for (const record of records) {
    const present = columns.filter((c) => c in record);
    expect(present).toHaveLength(2);
    for (const column of present) fields.push([column, record[column]]);
  }
  return fields;
}

function extractCreditorIds(text: string): Set<string> {
  const ids = new Set<string>();
  for (const m of text.matchAll(/\/CSID\/([^/<]*)/g)) ids.add(normalizeIban(m[1]));
  for (const othr of xmlBlocks(text, 'Othr')) {
    const scheme = [...xmlTexts(othr, 'Cd'), ...xmlTexts(othr, 'Prtry')];
    if (scheme.includes('SEPA')) xmlTexts(othr, 'Id').forEach((id) => ids.add(normalizeIban(id)));
  }
  return ids;
}

// Independent mod-97 (BigInt) so that the stated reason for each invalid IBAN is checked, not just the verdict.
function mod97IsOne(iban: string): boolean {
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return /^[0-9]+$/.test(digits) && BigInt(digits) % 97n === 1n;
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();

// ---------------------------------------------------------------------------------------------------------------

describeWithReferenceData('IBAN conformance (reference bank files)', () => {
  it('catalogues every statement, initiation and export file in the reference data, and nothing else', () => {
    const files = FOLDERS.flatMap(listReference);
    expect(sorted(Object.keys(IBANS))).toEqual(sorted(files));
    expect(sorted(Object.keys(CREDITOR_IDS))).toEqual(sorted(files.filter((f) => f.endsWith('.xml'))));
  });

  describe.each(Object.entries(IBANS))('%s', (file, expectation) => {
    const load = (): Extracted => extractIbans(file, readReference(file));

    it('contains exactly the catalogued IBAN-looking tokens', () => {
      const { ibans } = load();
      expect(sorted(ibans)).toEqual(sorted([...expectation.valid, ...Object.keys(expectation.invalid)]));
    });

    it('contains exactly the catalogued non-IBAN account numbers', () => {
      expect(sorted(load().nonIbanAccounts)).toEqual(sorted(expectation.nonIbanAccounts ?? []));
    });

    if (expectation.valid.length > 0) {
      it.each(expectation.valid)('accepts %s', (iban) => {
        expect(isValidIban(iban)).toBe(true);
      });
    }

    const invalid = Object.entries(expectation.invalid).map(([iban, { kind, reason }]) => [iban, kind, reason]);
    if (invalid.length > 0) {
      it.each(invalid)('rejects %s (%s: %s)', (iban, kind) => {
        expect(isValidIban(iban)).toBe(false);
        const lengthIsRight = IBAN_LENGTHS[iban.slice(0, 2)] === iban.length;
        if (kind === 'length') {
          expect(lengthIsRight).toBe(false);
        } else {
          expect(lengthIsRight).toBe(true);
          expect(mod97IsOne(iban)).toBe(false);
        }
      });
    }
  });

  describe('SEPA creditor identifiers', () => {
    describe.each(Object.entries(CREDITOR_IDS))('%s', (file, expectation) => {
      it('contains exactly the catalogued creditor ids', () => {
        const ids = extractCreditorIds(readReference(file));
        expect(sorted(ids)).toEqual(sorted([...expectation.valid, ...Object.keys(expectation.invalid)]));
      });

      if (expectation.valid.length > 0) {
        it.each(expectation.valid)('accepts %s', (id) => {
          expect(isValidSepaCreditorId(id)).toBe(true);
        });
      }

      const invalid = Object.entries(expectation.invalid);
      if (invalid.length > 0) {
        it.each(invalid)('rejects %s (%s)', (id) => {
          expect(isValidSepaCreditorId(id)).toBe(false);
        });
      }
    });

    it('accepts the creditor id that prefixes the OCA mandate ids', () => {
      const text = readReference('camt053-samples/oca-abnamro-style.camt053.001.02.xml');
      expect(xmlTexts(text, 'MndtId')).toEqual([
        '1880000341866',
        'NL22ZZZ524885430000-C0125.1',
        'NL22ZZZ524885430000-C0125.2',
      ]);
      expect(isValidSepaCreditorId('NL22ZZZ524885430000')).toBe(true);
    });
  });

  it('finds a healthy number of valid IBANs overall (guards against an extractor that finds nothing)', () => {
    const valid = new Set(Object.values(IBANS).flatMap((e) => e.valid));
    const invalid = new Set(Object.values(IBANS).flatMap((e) => Object.keys(e.invalid)));
    expect(valid.size).toBe(27);
    expect(invalid.size).toBe(31);
  });
});
