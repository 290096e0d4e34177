import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, DataTable, Page } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { BalancedBadge, periodText } from './BankStatementsPage';
import { BankStatement } from './types';

/** One imported statement: its balances, how many lines were new, and what the import had to say about the file. */
export function BankStatementPage() {
  const { id = '' } = useParams();
  const { t, money, date } = useI18n();
  const base = useCooperativePath();
  const statement = useLoad((signal) => api<BankStatement>(`${base}/bank-statements/${id}`, { signal }), [base, id]);
  return (
    <Page title={statement.data?.fileName ?? t('treasurer.statement.title')}>
      <p>
        <Link to="/treasury/bank-statements">← {t('treasurer.statement.back')}</Link>
      </p>
      <Async loaded={statement}>
        {(s) => (
          <>
            <dl className="facts card">
              <dt>{t('treasurer.statement.format')}</dt>
              <dd>{s.format}</dd>
              <dt>{t('treasurer.statements.period')}</dt>
              <dd>{periodText(s, date)}</dd>
              <dt>{t('treasurer.statement.opening')}</dt>
              <dd>{s.openingCents === null ? '—' : money(s.openingCents)}</dd>
              <dt>{t('treasurer.statement.closing')}</dt>
              <dd>{s.closingCents === null ? '—' : money(s.closingCents)}</dd>
              <dt>{t('treasurer.statements.lines')}</dt>
              <dd>{t('treasurer.statement.lineCounts', { lines: s.lineCount, fresh: s.newLineCount })}</dd>
              <dt>{t('treasurer.statements.total')}</dt>
              <dd>{money(s.totalCents)}</dd>
              <dt>{t('treasurer.statements.balanced')}</dt>
              <dd>
                <BalancedBadge balanced={s.balanced} />
              </dd>
            </dl>
            <h2>{t('treasurer.statement.issues')}</h2>
            <DataTable
              caption={t('treasurer.statement.issuesCaption')}
              rows={s.issues}
              rowKey={(issue) => `${issue.at}-${issue.problem}`}
              empty={t('treasurer.statement.noIssues')}
              columns={[
                { header: t('treasurer.statement.at'), cell: (issue) => issue.at },
                { header: t('treasurer.statement.problem'), cell: (issue) => issue.problem },
                { header: t('treasurer.statement.skipped'), cell: (issue) => (issue.skipped ? t('treasurer.yes') : t('treasurer.no')) },
              ]}
            />
            <p>
              <Link to="/treasury/reconciliation">{t('treasurer.statement.toWorklist')}</Link>
            </p>
          </>
        )}
      </Async>
    </Page>
  );
}
