import fc from 'fast-check';
import request from 'supertest';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative } from '@buurtcoop/testing';
import { recordCases } from './summary';
import { ApiRoute, Caller, changedTables, fillPath, pathValue, problemDefect, routeName, routesToFuzz, tableRowCounts, takesUpload } from './support/api-routes';

/**
 * Every route that takes a file (as the OpenAPI document lists them: member lists, bank statements), fed broken and
 * malicious files fast-check puts together: truncated and garbage bytes, wrong encodings, huge lines, XML with
 * entity expansion and external entities, CSV with formulas, wrong column counts and open quotes. Every one must be
 * refused with a 4xx problem that names what is wrong, nothing may be stored, and the process must stay responsive.
 */

const RUNS_PER_ROUTE = 40;
const COOP_IBAN = 'NL91ABNA0417164300';

const CAMT = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-2026-11-20</MsgId><CreDtTm>2026-11-20T23:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>2026-11-20-1</Id>
      <CreDtTm>2026-11-20T23:00:00</CreDtTm>
      <Acct><Id><IBAN>${COOP_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">125.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>
      <Ntry>
        <Amt Ccy="EUR">25.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt><AcctSvcrRef>REF-1</AcctSvcrRef>
        <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Jansen</Nm></Dbtr></RltdPties><RmtInf><Ustrd>GIFT</Ustrd></RmtInf></TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>`;

/** A CAMT.053 with a declaration put in after the XML declaration, and `&name;` in a text node. */
const camtDeclaring = (declaration: string, reference = '') => CAMT.replace('?>', `?>\n${declaration}`).replace('GIFT', `GIFT ${reference}`);

const BILLION_LAUGHS = camtDeclaring(
  `<!DOCTYPE Document [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>`,
  '&lol9;',
);

const MALICIOUS_XML: Array<[string, string]> = [
  ['billion laughs', BILLION_LAUGHS],
  ['an external entity (XXE)', camtDeclaring('<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;')],
  ['a parameter entity', camtDeclaring('<!DOCTYPE Document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>')],
  ['an external DTD', camtDeclaring('<!DOCTYPE Document SYSTEM "http://127.0.0.1:9/evil.dtd">')],
  ['an entity declared outside a DTD', camtDeclaring('<!ENTITY xxe SYSTEM "file:///etc/passwd">', '&xxe;')],
];

const MEMBER_HEADER = 'Lidnummer;Voornaam;Achternaam;E-mail;Straat;Huisnummer;Postcode;Woonplaats;Lid sinds';
const memberRow = (n: number, lastName = 'Jansen', street = 'Brink') => `${n};Jan;${lastName};jan${n}@fuzzing.example;${street};${n};7411 AB;Deventer;01-01-2025`;
const FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","klik")', '+1+cmd|x', '-2+3', '@SUM(A1:A9)'];

interface Upload {
  what: string;
  bytes: Buffer;
}

const text = (what: string, content: string): Upload => ({ what, bytes: Buffer.from(content, 'utf8') });

/** Files no importer may accept, whatever the route. */
const brokenAnywhere: fc.Arbitrary<Upload> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 3_000 }).map((b) => ({ what: 'binary garbage', bytes: Buffer.from(b) })),
  fc.constantFrom(...MALICIOUS_XML).map(([what, xml]) => text(`XML with ${what}`, xml)),
  fc.integer({ min: 10, max: CAMT.length - 20 }).map((n) => text(`a CAMT.053 cut off after ${n} characters`, CAMT.slice(0, n))),
  fc.constant(text('one line of 3 MB', 'A'.repeat(3_000_000))),
  fc.constant({ what: 'a CAMT.053 in UTF-16 without a byte order mark', bytes: Buffer.from(CAMT, 'utf16le') }),
  fc.constantFrom('\uFEFF', '\n\n\n', ';;;;', '\u0000\u0000').map((content) => text(`only ${JSON.stringify(content)}`, content)),
);

/** Member lists with one thing wrong, which the import must report by row and column. */
const brokenMemberList: fc.Arbitrary<Upload> = fc.oneof(
  fc.tuple(fc.constantFrom(...FORMULAS), fc.boolean(), fc.integer({ min: 1, max: 5 })).map(([formula, inName, n]) => {
    const rows = Array.from({ length: 5 }, (_, i) => (i + 1 === n ? memberRow(i + 1, inName ? `"${formula.replace(/"/g, '""')}"` : 'Jansen', inName ? 'Brink' : `"${formula.replace(/"/g, '""')}"`) : memberRow(i + 1)));
    return text(`a formula (${formula}) in row ${n + 1}`, [MEMBER_HEADER, ...rows].join('\n'));
  }),
  fc.integer({ min: 1, max: 5 }).map((n) => text(`row ${n + 1} with a field too many`, [MEMBER_HEADER, ...Array.from({ length: 5 }, (_, i) => memberRow(i + 1) + (i + 1 === n ? ';Overijssel' : ''))].join('\n'))),
  fc.integer({ min: 1, max: 5 }).map((n) => text(`a quote opened in row ${n + 1} and never closed`, [MEMBER_HEADER, ...Array.from({ length: 5 }, (_, i) => (i + 1 === n ? memberRow(i + 1, '"Jansen') : memberRow(i + 1)))].join('\n'))),
  fc.constantFrom('31-02-2026', '01-01-1800', '2999-01-01', 'gisteren').map((date) => text(`a joining date ${date}`, `${MEMBER_HEADER}\n${memberRow(1).replace('01-01-2025', date)}`)),
  fc.constant(text('a header without members', MEMBER_HEADER)),
  fc.constant(text('no postcode column', `${MEMBER_HEADER.replace(';Postcode', '')}\n1;Jan;Jansen;jan@x.nl;Brink;1;Deventer;01-01-2025`)),
  fc.constant({ what: 'a member list in UTF-16 without a byte order mark', bytes: Buffer.from(`${MEMBER_HEADER}\n${memberRow(1)}`, 'utf16le') }),
  fc.constant(text('a member list whose row is one line of 2 MB', `${MEMBER_HEADER}\n${memberRow(1, 'J'.repeat(2_000_000))}`)),
);

/** Bank statements with one thing wrong. */
const brokenStatement: fc.Arbitrary<Upload> = fc.oneof(
  fc.constant(text('a CSV export with columns of no bank', 'Datum,Bedrag,Omschrijving\n2026-11-20,abc,Gift\n')),
);

/** An MT940 whose statement line has an amount no bank writes. */
const mt940WithAmount = (amount: string) => `:20:STARTUMS\n:25:${COOP_IBAN}\n:28C:1/1\n:60F:C261120EUR100,00\n:61:2611201120C${amount}NTRFNONREF\n:86:/NAME/Jansen/\n:62F:C261120EUR100,00\n-`;

describe('Fuzzing: broken and malicious uploaded files on every upload route', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let routes: ApiRoute[];
  let callers: Map<string, Caller>;
  let known: Record<string, string>;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'fuzzing-uploads');
    ({ routes, callers, known } = await routesToFuzz(sut, coop, takesUpload));
  }, 120_000);
  afterAll(() => sut?.close());

  it('finds the upload routes in the document', () => {
    expect(routes.map(routeName).sort()).toEqual(['POST /api/v1/cooperatives/{cooperativeId}/bank-statements', 'POST /api/v1/cooperatives/{cooperativeId}/members/import']);
  });

  it('refuses every broken or malicious file with a 4xx problem naming what is wrong, stores nothing, and stays responsive', async () => {
    const before = await tableRowCounts(sut);
    const failures: string[] = [];
    let tried = 0;
    let failedCases = 0;
    for (const route of routes) {
      const files = route.path.endsWith('/members/import') ? fc.oneof(brokenAnywhere, brokenMemberList) : fc.oneof(brokenAnywhere, brokenStatement);
      const transport = fc.oneof(
        fc.constantFrom('leden.csv', 'afschrift.xml', '../../etc/passwd', '<script>.csv', 'naam\u202Ecsv.exe').map((fileName) => ({ multipart: true as const, fileName })),
        fc.constantFrom(...route.body!.contentTypes.filter((t) => !t.startsWith('multipart'))).map((contentType) => ({ multipart: false as const, contentType })),
      );
      try {
        await fc.assert(
          fc.asyncProperty(files, transport, async (file, how) => {
            tried++;
            const url = fillPath(route.path, Object.fromEntries(route.pathParams.map((p) => [p, pathValue(p, known)])));
            const call = request(sut.url).post(url).set(callers.get(routeName(route)) as Record<string, string>);
            const response = await (how.multipart ? call.attach('file', file.bytes, { filename: how.fileName, contentType: 'application/octet-stream' }) : call.set('content-type', how.contentType).send(file.bytes));
            const defect = response.status < 400 ? `accepted ${file.what} with ${response.status}` : (problemDefect(response) ?? unnamed(response.body));
            if (defect) {
              failedCases++;
              throw new Error(`${defect} (${file.what}): ${JSON.stringify(response.body).slice(0, 400)}`);
            }
          }),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        );
      } catch (error) {
        const cause = (error as Error & { cause?: Error }).cause;
        failures.push(`${routeName(route)}: ${cause?.message ?? ''}\n${(error as Error).message.replace(/Counterexample:[^]*$/, '')}`);
      }
    }
    const changed = changedTables(before, await tableRowCounts(sut));
    recordCases('fuzzing', 'broken and malicious uploads', { tried, failed: failedCases + Object.keys(changed).length });
    expect(failures).toEqual([]);
    expect(changed).toEqual({});
    expect(tried).toBe(routes.length * RUNS_PER_ROUTE);
    // Entities were refused, not expanded: the process answers at once.
    await request(sut.url).get('/health/ready').expect(200);
  });

  // The importer is lenient by design (real bank files bend the standards): a statement whose amount or date it
  // cannot read is kept with an issue that says where, rather than refused. So these cases run after the check above.
  it('reports a statement amount or date it cannot read by where it is, never answering 5xx', async () => {
    let tried = 0;
    const amount = fc.oneof(fc.constantFrom('XX,YY', '99999999999999999999,00', '1.000.000,00.00', ''), fc.string({ unit: 'binary-ascii', maxLength: 12 }));
    const date = fc.oneof(fc.constantFrom('2026-02-30', '2026-13-01', '99999-01-01', '0000-00-00'), fc.string({ unit: 'binary-ascii', maxLength: 12 }).filter((d) => !/[<&]/.test(d)));
    const statement = fc.oneof(amount.map((a) => ({ contentType: 'text/plain', body: mt940WithAmount(a) })), date.map((d) => ({ contentType: 'application/xml', body: CAMT.replaceAll('2026-11-20</Dt>', `${d}</Dt>`) })));
    await fc.assert(
      fc.asyncProperty(statement, async (file) => {
        tried++;
        const response = await request(sut.url).post(`/api/v1/cooperatives/${coop.cooperativeId}/bank-statements`).set(bearer(await coop.token('treasurer'))).set('content-type', file.contentType).send(file.body);
        if (response.status >= 400) {
          expect(problemDefect(response)).toBeUndefined();
          return;
        }
        // Either the value was read after all, or an issue names where it is.
        const [statement] = response.body.statements as Array<{ lineCount: number; issues: Array<{ at: string; problem: string }> }>;
        expect(statement.lineCount === 1 || statement.issues.some((i) => i.at.length > 0 && i.problem.length > 0)).toBe(true);
      }),
      { numRuns: 30 },
    );
    recordCases('fuzzing', 'unreadable statement amounts and dates', { tried });
  });
});

/** What a refusal of a file fails to say: the rows and columns of a list, the field (`file`) and what is wrong with it. */
function unnamed(body: { code?: string; detail?: string; errors?: Array<{ field: string }>; rows?: Array<{ row: number; problem: string }> }): string | undefined {
  if (body.code === 'import_rejected') return body.rows?.length && body.rows.every((r) => Number.isInteger(r.row) && r.problem) ? undefined : 'import_rejected without the rows at fault';
  if (!body.detail) return 'a refusal without detail';
  return undefined;
}
