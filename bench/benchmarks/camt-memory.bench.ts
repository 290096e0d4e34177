import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatDecimalCents, invoicePaymentReference } from '@buurtcoop/core';
import { Benchmark } from '../harness';
import { NODE_FLAGS } from '../servers/server-process';

/**
 * Peak memory of reading a CAMT.053 statement as a stream: it must stay flat however long the file is.
 * Each parse runs in a child process of its own (so the peak RSS is that process's), from a file on disk.
 *
 * Ours: the peak RSS parsing 100,000 entries. Baseline: the same at 10,000 entries, so the ratio is the
 * issue's target (≤ 1.2×). The same child idle (same modules loaded, nothing parsed) is measured too and
 * printed beside them, to show how much of the peak is the parse at all.
 */

interface CamtState {
  dir: string;
  small: string;
  large: string;
  idle: number[];
}

interface CamtSide {
  entries: number;
  expected: number;
  maxRssMiB: number;
  idleMiB?: number;
}

const SMALL = 10_000;
const LARGE = 100_000;
const CHILD = join(__dirname, 'camt-memory.child.js');
const run = promisify(execFile);

const euros = (cents: number) => formatDecimalCents(cents);

/** Writes a CAMT.053.001.02 statement of `entries` transfers to `file`, a chunk at a time (never the whole file in memory). */
async function writeStatement(file: string, entries: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let total = 0;
  const amount = (n: number) => 1000 + (n % 5000);
  for (let n = 1; n <= entries; n++) total += amount(n);
  await write(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>BENCH-${entries}</MsgId><CreDtTm>2027-01-31T23:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>BENCH-${entries}-1</Id>
      <CreDtTm>2027-01-31T23:00:00</CreDtTm>
      <Acct><Id><IBAN>NL63TRIO0212345678</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2027-01-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(total)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2027-01-31</Dt></Dt></Bal>
`);
  for (let n = 1; n <= entries; n++) {
    const day = String(1 + (n % 28)).padStart(2, '0');
    await write(`      <Ntry>
        <Amt Ccy="EUR">${euros(amount(n))}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2027-01-${day}</Dt></BookgDt>
        <ValDt><Dt>2027-01-${day}</Dt></ValDt>
        <AcctSvcrRef>TRF-${n}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E2E-${n}</EndToEndId></Refs>
          <RltdPties><Dbtr><Nm>Betaler ${n}</Nm></Dbtr><DbtrAcct><Id><IBAN>NL20INGB0001234567</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Ustrd>Contributie 2027 lid ${n}</Ustrd><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>CUR</Issr></Tp><Ref>${invoicePaymentReference(2027, n)}</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
`);
  }
  await write(`    </Stmt>
  </BkToCstmrStmt>
</Document>
`);
  out.end();
  await once(out, 'finish');
}

/** Parses the file (or nothing) in a fresh child process with the product's Node flags; its peak RSS in MiB and the entries it read. */
async function child(file: string | null): Promise<{ entries: number; maxRssMiB: number }> {
  const { stdout } = await run(process.execPath, [...NODE_FLAGS, CHILD, ...(file ? [file] : [])], { maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout.trim()) as { entries: number; maxRssKiB: number };
  return { entries: result.entries, maxRssMiB: result.maxRssKiB / 1024 };
}

export const camtMemory: Benchmark<CamtState, CamtSide> = {
  name: 'camt-memory',
  describe: () => `peak RSS of a child parsing a CAMT.053 file as a stream: ${LARGE.toLocaleString('en')} entries (ours) vs ${SMALL.toLocaleString('en')} (baseline); idle printed`,
  target: { maxRatio: 1.2 },
  unit: 'MiB',

  async setup() {
    const dir = mkdtempSync(join(tmpdir(), 'buurtcoop-camt-bench.'));
    const state: CamtState = { dir, small: join(dir, `camt-${SMALL}.xml`), large: join(dir, `camt-${LARGE}.xml`), idle: [] };
    await writeStatement(state.small, SMALL);
    await writeStatement(state.large, LARGE);
    process.stderr.write(`[bench] camt-memory: files of ${(statSync(state.small).size / 2 ** 20).toFixed(1)} MiB and ${(statSync(state.large).size / 2 ** 20).toFixed(1)} MiB\n`);
    return state;
  },

  async ours(state) {
    return { ...(await child(state.large)), expected: LARGE };
  },

  async baseline(state) {
    const idle = await child(null);
    return { ...(await child(state.small)), expected: SMALL, idleMiB: idle.maxRssMiB };
  },

  measure: (result) => result.maxRssMiB,

  async verify(state, ours, baseline, round) {
    if (ours.entries !== ours.expected || baseline.entries !== baseline.expected) {
      throw new Error(`camt-memory: parsed ${ours.entries}/${ours.expected} and ${baseline.entries}/${baseline.expected} entries`);
    }
    process.stderr.write(`[bench] camt-memory: idle ${baseline.idleMiB?.toFixed(1)} MiB, ${SMALL / 1000}k ${baseline.maxRssMiB.toFixed(1)} MiB, ${LARGE / 1000}k ${ours.maxRssMiB.toFixed(1)} MiB\n`);
    if (!round.warmUp && baseline.idleMiB !== undefined) state.idle.push(baseline.idleMiB);
  },

  async teardown(state) {
    rmSync(state.dir, { recursive: true, force: true });
  },
};
