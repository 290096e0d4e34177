import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, DataTable, Page } from '../../ui/components';
import { TextField } from '../../ui/form';
import { useLoad } from '../../ui/hooks';
import { FinancialStatements, StatementRow, TrialBalanceRow } from './types';

/** The books: balans and staat van baten en lasten over a period, and the trial balance of every account. */
export function LedgerPage() {
  const { t, money, date } = useI18n();
  const base = useCooperativePath();
  const [draft, setDraft] = useState({ from: '', through: '' });
  const [period, setPeriod] = useState({ from: '', through: '' });
  const query = { from: period.from || undefined, through: period.through || undefined };
  const statements = useLoad((signal) => api<FinancialStatements>(`${base}/ledger/statements`, { query, signal }), [base, period.from, period.through]);
  const trial = useLoad((signal) => api<{ accounts: TrialBalanceRow[]; totalCents: number }>(`${base}/ledger/trial-balance`, { query, signal }), [base, period.from, period.through]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(draft);
  };
  const rows = (list: StatementRow[], caption: string, total?: [string, number]) => (
    <DataTable
      caption={caption}
      rows={total ? [...list, { code: '', name: total[0], amountCents: total[1] }] : list}
      rowKey={(r) => r.code || r.name}
      columns={[
        { header: t('treasurer.ledger.account'), cell: (r) => (r.code ? `${r.code} ${r.name}` : <strong>{r.name}</strong>) },
        { header: t('common.amount'), numeric: true, cell: (r) => (r.code ? money(r.amountCents) : <strong>{money(r.amountCents)}</strong>) },
      ]}
    />
  );

  return (
    <Page title={t('treasurer.ledger.title')}>
      <form className="form form--inline card" onSubmit={apply}>
        <TextField name="from" type="date" label={t('treasurer.ledger.from')} hint={t('treasurer.ledger.fromHint')} value={draft.from} onValue={(from) => setDraft({ ...draft, from })} />
        <TextField name="through" type="date" label={t('treasurer.ledger.through')} hint={t('treasurer.ledger.throughHint')} value={draft.through} onValue={(through) => setDraft({ ...draft, through })} />
        <button type="submit" className="button button--primary">
          {t('treasurer.ledger.show')}
        </button>
      </form>

      <Async loaded={statements}>
        {({ balanceSheet: b, incomeStatement: i }) => (
          <div className="ledger-statements">
            <section aria-labelledby="income-heading">
              <h2 id="income-heading">{t('treasurer.ledger.income', { from: date(i.from), through: date(i.through) })}</h2>
              {rows(i.income, t('treasurer.ledger.incomeCaption'), [t('treasurer.ledger.totalIncome'), i.totalIncomeCents])}
              {rows(i.expenses, t('treasurer.ledger.expensesCaption'), [t('treasurer.ledger.totalExpenses'), i.totalExpenseCents])}
              <p className="ledger-result">
                {t('treasurer.ledger.result')} <strong>{money(i.resultCents)}</strong>
              </p>
            </section>
            <section aria-labelledby="balance-heading">
              <h2 id="balance-heading">{t('treasurer.ledger.balance', { at: date(b.at) })}</h2>
              {rows(b.assets, t('treasurer.ledger.assets'), [t('treasurer.ledger.totalAssets'), b.totalAssetsCents])}
              {rows(
                [...b.equity, { code: '', name: t('treasurer.ledger.resultAfter'), amountCents: b.resultAfterAppropriationCents }, ...b.liabilities],
                t('treasurer.ledger.liabilities'),
                [t('treasurer.ledger.totalLiabilities'), b.totalLiabilitiesAndEquityCents],
              )}
              {b.restrictedFunds.length > 0 && (
                <DataTable
                  caption={t('treasurer.ledger.funds')}
                  rows={b.restrictedFunds}
                  rowKey={(f) => f.code}
                  columns={[
                    { header: t('treasurer.ledger.fund'), cell: (f) => f.name },
                    { header: t('treasurer.ledger.unspent'), numeric: true, cell: (f) => money(f.unspentCents) },
                  ]}
                />
              )}
            </section>
          </div>
        )}
      </Async>

      <h2>{t('treasurer.ledger.trialBalance')}</h2>
      <Async loaded={trial}>
        {({ accounts, totalCents }) => (
          <>
            <DataTable
              caption={t('treasurer.ledger.trialCaption')}
              rows={accounts}
              rowKey={(a) => a.accountId}
              columns={[
                { header: t('treasurer.ledger.account'), cell: (a) => `${a.code} ${a.name}` },
                { header: t('treasurer.ledger.type'), cell: (a) => t(`treasurer.accountType.${a.type}`) },
                { header: t('treasurer.ledger.debit'), numeric: true, cell: (a) => money(a.debitCents) },
                { header: t('treasurer.ledger.credit'), numeric: true, cell: (a) => money(a.creditCents) },
                { header: t('treasurer.ledger.balanceColumn'), numeric: true, cell: (a) => money(a.balanceCents) },
              ]}
            />
            <p className="muted">{totalCents === 0 ? t('treasurer.ledger.inBalance') : t('treasurer.ledger.outOfBalance', { amount: money(totalCents) })}</p>
          </>
        )}
      </Async>
    </Page>
  );
}
