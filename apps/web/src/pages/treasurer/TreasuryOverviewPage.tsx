import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, BarChart, DataTable, Page } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { TreasurerDashboard } from './types';

/** The treasurer's first page: cash, what members still owe, bank lines waiting, and the funds. */
export function TreasuryOverviewPage() {
  const { t, money, date } = useI18n();
  const base = useCooperativePath();
  const dashboard = useLoad((signal) => api<TreasurerDashboard>(`${base}/dashboards/treasurer`, { signal }), [base]);
  return (
    <Page title={t('treasurer.overview.title')}>
      <Async loaded={dashboard}>
        {(d) => (
          <>
            <p className="muted">{t('treasurer.overview.through', { date: date(d.through) })}</p>
            <dl className="stats">
              <div className="stat">
                <dt>{t('treasurer.overview.bank')}</dt>
                <dd>{money(d.cash.bankCents)}</dd>
              </div>
              <div className="stat">
                <dt>{t('treasurer.overview.stripe')}</dt>
                <dd>{money(d.cash.stripeClearingCents)}</dd>
              </div>
              <div className="stat">
                <dt>{t('treasurer.overview.receivables', { count: d.receivables.invoices })}</dt>
                <dd>{money(d.receivables.outstandingCents)}</dd>
              </div>
              <div className="stat">
                <dt>{t('treasurer.overview.unmatched', { count: d.reconciliation.unmatchedLines })}</dt>
                <dd>{money(d.reconciliation.unmatchedCents)}</dd>
              </div>
            </dl>
            <div className="button-row">
              <Link className="button button--primary" to="/treasury/reconciliation">
                {t('treasurer.overview.toWorklist', { count: d.reconciliation.unmatchedLines })}
              </Link>
              <Link className="button" to="/treasury/bank-statements">
                {t('treasurer.overview.import')}
              </Link>
            </div>
            <p className="muted">{d.reconciliation.lastStatementDate ? t('treasurer.overview.lastStatement', { date: date(d.reconciliation.lastStatementDate) }) : t('treasurer.overview.noStatement')}</p>
            <h2>{t('treasurer.overview.ageing')}</h2>
            <BarChart title={t('treasurer.overview.ageingChart')} bars={d.receivables.buckets.map((b) => ({ label: t(`treasurer.bucket.${b.bucket}`), value: b.outstandingCents }))} format={money} />
            <h2>{t('treasurer.overview.funds')}</h2>
            <DataTable
              caption={t('treasurer.overview.fundsCaption')}
              rows={d.funds}
              rowKey={(f) => f.fundId}
              empty={t('treasurer.overview.noFunds')}
              columns={[
                { header: t('treasurer.overview.fund'), cell: (f) => f.name },
                { header: t('treasurer.overview.received'), numeric: true, cell: (f) => money(f.receivedCents) },
                { header: t('treasurer.overview.spent'), numeric: true, cell: (f) => money(f.spentCents) },
                { header: t('treasurer.overview.committed'), numeric: true, cell: (f) => money(f.committedCents) },
                { header: t('treasurer.overview.available'), numeric: true, cell: (f) => money(f.availableCents) },
              ]}
            />
          </>
        )}
      </Async>
    </Page>
  );
}
