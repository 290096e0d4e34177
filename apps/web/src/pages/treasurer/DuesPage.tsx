import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, DataTable, Notice, Page } from '../../ui/components';
import { FormErrors, SubmitButton, TextField } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { DuesPlan, DuesRun, DuesRunOutcome, MembershipType } from './types';

/** Dues: the plans per membership type, the runs that invoiced a period, and a form to invoice the next one. */
export function DuesPage() {
  const { t, money, date, dateTime } = useI18n();
  const base = useCooperativePath();
  const runs = useLoad((signal) => api<DuesRun[]>(`${base}/dues-runs`, { signal }), [base]);
  const plans = useLoad((signal) => Promise.all([api<DuesPlan[]>(`${base}/dues-plans`, { signal }), api<MembershipType[]>(`${base}/membership-types`, { signal })]), [base]);
  const form = useForm();
  const [period, setPeriod] = useState(String(new Date().getFullYear() + 1));
  const [issueDate, setIssueDate] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [outcome, setOutcome] = useState<DuesRunOutcome>();

  const start = form.submit(async () => {
    setOutcome(await api<DuesRunOutcome>(`${base}/dues-runs`, { method: 'POST', body: { period: period.trim(), issueDate: issueDate || undefined, dueDate: dueDate || undefined } }));
    runs.reload();
  });

  return (
    <Page title={t('treasurer.dues.title')}>
      <section className="card" aria-labelledby="start-run">
        <h2 id="start-run">{t('treasurer.dues.start')}</h2>
        <p className="muted">{t('treasurer.dues.startIntro')}</p>
        <form className="form form--inline" onSubmit={start} noValidate>
          <FormErrors form={form} />
          <TextField form={form} name="period" label={t('treasurer.dues.period')} hint={t('treasurer.dues.periodHint')} value={period} onValue={setPeriod} required />
          <TextField form={form} name="issueDate" type="date" label={t('treasurer.dues.issueDate')} value={issueDate} onValue={setIssueDate} />
          <TextField form={form} name="dueDate" type="date" label={t('treasurer.dues.dueDate')} value={dueDate} onValue={setDueDate} />
          <SubmitButton form={form}>{t('treasurer.dues.submit')}</SubmitButton>
        </form>
        {outcome && (
          <Notice tone={outcome.issued > 0 ? 'success' : 'info'}>
            {outcome.issued > 0 ? t('treasurer.dues.issued', { count: outcome.issued, period: outcome.run.period, amount: money(outcome.run.totalCents) }) : t('treasurer.dues.nothingNew', { period: outcome.run.period })}{' '}
            {outcome.resumed && t('treasurer.dues.resumed')} <Link to={`/treasury/dues/${outcome.run.id}`}>{t('treasurer.dues.seeRun')}</Link>
          </Notice>
        )}
      </section>

      <h2>{t('treasurer.dues.runs')}</h2>
      <Async loaded={runs}>
        {(list) => (
          <DataTable
            caption={t('treasurer.dues.runsCaption')}
            rows={list}
            rowKey={(r) => r.id}
            empty={t('treasurer.dues.noRuns')}
            columns={[
              { header: t('treasurer.dues.period'), cell: (r) => <Link to={`/treasury/dues/${r.id}`} aria-label={t('treasurer.dues.runOf', { period: r.period })}>{r.period}</Link> },
              { header: t('treasurer.dues.issueDate'), cell: (r) => date(r.issueDate) },
              { header: t('treasurer.dues.invoices'), numeric: true, cell: (r) => r.invoiceCount },
              { header: t('treasurer.dues.total'), numeric: true, cell: (r) => money(r.totalCents) },
              { header: t('common.status'), cell: (r) => <RunStatus run={r} /> },
              { header: t('treasurer.dues.startedAt'), cell: (r) => dateTime(r.startedAt) },
            ]}
          />
        )}
      </Async>

      <h2>{t('treasurer.dues.plans')}</h2>
      <Async loaded={plans}>
        {([list, types]) => (
          <DataTable
            caption={t('treasurer.dues.plansCaption')}
            rows={list}
            rowKey={(p) => p.id}
            empty={t('treasurer.dues.noPlans')}
            columns={[
              { header: t('treasurer.dues.membershipType'), cell: (p) => types.find((type) => type.id === p.membershipTypeId)?.name ?? '—' },
              { header: t('treasurer.dues.yearly'), numeric: true, cell: (p) => money(p.yearlyAmountCents) },
              { header: t('treasurer.dues.reduced'), numeric: true, cell: (p) => (p.reducedYearlyAmountCents === null ? '—' : money(p.reducedYearlyAmountCents)) },
              { header: t('treasurer.dues.frequency'), cell: (p) => t(`treasurer.frequency.${p.frequency}`) },
              { header: t('treasurer.dues.proRata'), cell: (p) => (p.proRata ? t('treasurer.yes') : t('treasurer.no')) },
            ]}
          />
        )}
      </Async>
    </Page>
  );
}

function RunStatus({ run }: { run: DuesRun }) {
  const { t } = useI18n();
  return <Badge tone={run.status === 'completed' ? 'good' : 'warn'}>{t(`treasurer.runStatus.${run.status}`)}</Badge>;
}

/** One dues run: what it invoiced and when. */
export function DuesRunPage() {
  const { id = '' } = useParams();
  const { t, money, date, dateTime } = useI18n();
  const base = useCooperativePath();
  const run = useLoad((signal) => api<DuesRun>(`${base}/dues-runs/${id}`, { signal }), [base, id]);
  return (
    <Page title={run.data ? t('treasurer.dues.runOf', { period: run.data.period }) : t('treasurer.dues.run')}>
      <p>
        <Link to="/treasury/dues">← {t('treasurer.dues.back')}</Link>
      </p>
      <Async loaded={run}>
        {(r) => (
          <>
            <dl className="stats">
              <div className="stat">
                <dt>{t('treasurer.dues.invoices')}</dt>
                <dd>{r.invoiceCount}</dd>
              </div>
              <div className="stat">
                <dt>{t('treasurer.dues.total')}</dt>
                <dd>{money(r.totalCents)}</dd>
              </div>
            </dl>
            <dl className="facts card">
              <dt>{t('common.status')}</dt>
              <dd>
                <RunStatus run={r} />
              </dd>
              <dt>{t('treasurer.dues.period')}</dt>
              <dd>{r.period}</dd>
              <dt>{t('treasurer.dues.issueDate')}</dt>
              <dd>{date(r.issueDate)}</dd>
              <dt>{t('treasurer.dues.dueDate')}</dt>
              <dd>{date(r.dueDate)}</dd>
              <dt>{t('treasurer.dues.startedAt')}</dt>
              <dd>{dateTime(r.startedAt)}</dd>
              <dt>{t('treasurer.dues.completedAt')}</dt>
              <dd>{dateTime(r.completedAt)}</dd>
            </dl>
          </>
        )}
      </Async>
    </Page>
  );
}
