import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { Clock, UnitOfWork, asCooperativeId, dutchDate, formatDecimalCents } from '@buurtcoop/core';
import { InvoicesService } from '../invoices/invoices.service';
import { LedgerService } from '../ledger/ledger.service';
import { SepaSettingsService } from '../sepa/sepa-settings.service';
import { StatementsService } from '../statements/statements.service';

const euros = (cents: number) => formatDecimalCents(Math.abs(cents));
const side = (cents: number) => (cents < 0 ? 'DBIT' : 'CRDT');

interface DemoLine {
  cents: number;
  ref: string;
  name: string;
  iban: string | null;
  text: string;
  reference?: string;
}

/**
 * Today's bank statement as the bank would send it (CAMT.053): two members paying their dues by transfer
 * with the betalingskenmerk (one in part), a foundation's gift and the bank's costs. The import matches the
 * transfers; the gift and the costs wait on the treasurer's worklist.
 */
@Injectable()
export class StatementDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly invoices: InvoicesService,
    private readonly ledger: LedgerService,
    private readonly sepa: SepaSettingsService,
    private readonly statements: StatementsService,
    private readonly clock: Clock,
  ) {}

  async seed(demo: { cooperativeId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    return this.uow.run({ cooperativeId }, async () => {
      const today = dutchDate(this.clock.now());
      const { creditor } = await this.sepa.creditor(cooperativeId);
      const open = (await this.invoices.list(cooperativeId, { status: 'open', page: 1, pageSize: 50 })).items.filter((i) => i.kind === 'dues' && i.amountCents >= 2400);
      const [first, second] = open;
      const lines: DemoLine[] = [
        ...(first ? [{ cents: first.amountCents, ref: 'DEMO-TRF-1', name: first.billedTo.name ?? 'Lid', iban: 'NL02RABO0123456789', text: `Contributie ${first.number}`, reference: first.paymentReference }] : []),
        ...(second ? [{ cents: Math.floor(second.amountCents / 2), ref: 'DEMO-TRF-2', name: second.billedTo.name ?? 'Lid', iban: 'NL56INGB0005432109', text: `Eerste helft contributie, betalingskenmerk ${second.paymentReference}` }] : []),
        { cents: 25_000, ref: 'DEMO-GIFT-1', name: 'Stichting Deventer Doet', iban: 'NL86INGB0002445588', text: 'Bijdrage buurtfeest Rivierenwijk' },
        { cents: -1_250, ref: 'DEMO-COST-1', name: 'ABN AMRO Bank', iban: null, text: 'Kosten zakelijke rekening' },
      ];
      const opening = (await this.ledger.trialBalance(cooperativeId, null, today)).find((a) => a.code === '1100')?.balanceCents ?? 0;
      const closing = opening + lines.reduce((sum, l) => sum + l.cents, 0);
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>DEMO-${today}</MsgId><CreDtTm>${today}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>DEMO-${today}</Id><CreDtTm>${today}T18:00:00</CreDtTm><Acct><Id><IBAN>${creditor.iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(opening)}</Amt><CdtDbtInd>${side(opening)}</CdtDbtInd><Dt><Dt>${today}</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(closing)}</Amt><CdtDbtInd>${side(closing)}</CdtDbtInd><Dt><Dt>${today}</Dt></Dt></Bal>
${lines
  .map(
    (l) => `<Ntry><Amt Ccy="EUR">${euros(l.cents)}</Amt><CdtDbtInd>${side(l.cents)}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${today}</Dt></BookgDt><ValDt><Dt>${today}</Dt></ValDt><AcctSvcrRef>${l.ref}</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties>${l.cents < 0 ? `<Cdtr><Nm>${l.name}</Nm></Cdtr>` : `<Dbtr><Nm>${l.name}</Nm></Dbtr>${l.iban ? `<DbtrAcct><Id><IBAN>${l.iban}</IBAN></Id></DbtrAcct>` : ''}`}</RltdPties>
<RmtInf><Ustrd>${l.text}</Ustrd>${l.reference ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>CUR</Issr></Tp><Ref>${l.reference}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf></TxDtls></NtryDtls></Ntry>`,
  )
  .join('\n')}
</Stmt></BkToCstmrStmt></Document>`;
      const outcome = await this.statements.importAndMatch(cooperativeId, Readable.from([Buffer.from(xml)]), { fileName: `afschrift-${today}.xml`, importedBy: null });
      return `a bank statement of ${outcome.lineCount} lines, ${outcome.matched} matched, ${outcome.unmatched} on the worklist`;
    });
  }
}
