/**
 * The reviewer's dashboard: all co-finance agreements in the municipality at a glance, or one agreement's
 * figures for a period (default: the whole agreement), with the same figures as a spreadsheet to download.
 */
import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, download } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Async, BarChart, Page } from '../../ui/components';
import { FormErrors, SelectField, SubmitButton, TextField } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { AccountabilityReport, AgreementFigures, MunicipalAgreement, useMunicipalityPath } from './api';
import { FiguresView } from './FiguresView';

const ALL = '';

export function DashboardPage() {
  const { t } = useI18n();
  const base = useMunicipalityPath();
  const [params, setParams] = useSearchParams();
  const agreementId = params.get('agreement') ?? ALL;
  const overview = useLoad(
    async (signal) => {
      const [agreements, reports] = await Promise.all([api<MunicipalAgreement[]>(`${base}/agreements`, { signal }), api<AccountabilityReport[]>(`${base}/accountability-reports`, { signal })]);
      return { agreements, reports };
    },
    [base],
  );

  return (
    <Page title={t('municipality.dashboard.title')}>
      <Async loaded={overview}>
        {({ agreements, reports }) => (
          <>
            <div className="form form--inline">
              <SelectField
                name="agreement"
                label={t('municipality.dashboard.agreement')}
                value={agreementId}
                onValue={(value) => setParams(value ? { agreement: value } : {})}
                options={[{ value: ALL, label: t('municipality.dashboard.all') }, ...agreements.map((a) => ({ value: a.id, label: `${a.reference} · ${a.cooperativeName}` }))]}
              />
            </div>
            {agreementId === ALL ? <Overview agreements={agreements} reports={reports} /> : <AgreementDashboard key={agreementId} agreement={agreements.find((a) => a.id === agreementId)} agreementId={agreementId} />}
          </>
        )}
      </Async>
    </Page>
  );
}

function Overview({ agreements, reports }: { agreements: MunicipalAgreement[]; reports: AccountabilityReport[] }) {
  const { t, money, date } = useI18n();
  const sum = (pick: (a: MunicipalAgreement) => number) => agreements.reduce((total, a) => total + pick(a), 0);
  const waiting = reports.filter((r) => r.status === 'submitted');
  return (
    <>
      <dl className="stats">
        <div className="stat">
          <dt>{t('municipality.dashboard.agreements')}</dt>
          <dd>{agreements.length}</dd>
        </div>
        <div className="stat">
          <dt>{t('municipality.figures.granted')}</dt>
          <dd>{money(sum((a) => a.grantedCents))}</dd>
        </div>
        <div className="stat">
          <dt>{t('municipality.dashboard.advancesPaid')}</dt>
          <dd>{money(sum((a) => a.receivedCents))}</dd>
        </div>
        <div className="stat">
          <dt>{t('municipality.dashboard.toReview')}</dt>
          <dd>{waiting.length}</dd>
        </div>
      </dl>
      {waiting.length > 0 && (
        <div className="alert alert--info">
          <p className="alert__title">{t('municipality.dashboard.waitingTitle')}</p>
          <ul>
            {waiting.map((report) => (
              <li key={report.id}>
                <Link to={`/municipality/reports/${report.id}`}>{t('municipality.reports.name', { reference: report.agreementReference, from: date(report.from), through: date(report.through) })}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {agreements.length === 0 ? (
        <p className="muted">{t('municipality.agreements.none')}</p>
      ) : (
        <>
          <h2>{t('municipality.dashboard.allTitle')}</h2>
          <BarChart
            title={t('municipality.dashboard.grantedChart')}
            bars={agreements.map((a) => ({ label: a.reference, value: a.receivedCents, compare: a.grantedCents }))}
            format={money}
            legend={[t('municipality.dashboard.advancesPaid'), t('municipality.figures.legendGranted')]}
          />
          <p>{t('municipality.dashboard.chooseAgreement')}</p>
        </>
      )}
    </>
  );
}

function AgreementDashboard({ agreementId, agreement }: { agreementId: string; agreement: MunicipalAgreement | undefined }) {
  const { t, date } = useI18n();
  const base = useMunicipalityPath();
  const [period, setPeriod] = useState({ from: agreement?.startsOn ?? '', through: agreement?.endsOn ?? '' });
  const [applied, setApplied] = useState(period);
  const form = useForm();
  const path = `${base}/agreements/${agreementId}/figures`;
  const query = new URLSearchParams(Object.entries(applied).filter(([, value]) => value)).toString();
  const figures = useLoad((signal) => api<AgreementFigures>(path, { query: applied, signal }), [path, query]);
  const onSubmit = async (event: FormEvent) => {
    // Checked by the API first, so a period outside the agreement is explained next to the field.
    await form.submit(async () => {
      await api(path, { query: period });
      setApplied(period);
    })(event);
  };
  const exportAs = (format: 'csv' | 'xlsx') => form.run(() => download(`${path}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(applied).filter(([, v]) => v)), format })}`, `cofinanciering.${format}`));

  return (
    <>
      {agreement && (
        <p>
          {t('municipality.dashboard.agreementLine', { cooperative: agreement.cooperativeName, reference: agreement.reference, from: date(agreement.startsOn), through: date(agreement.endsOn) })}
        </p>
      )}
      <form className="form form--inline" onSubmit={onSubmit} noValidate aria-label={t('municipality.dashboard.periodForm')}>
        <TextField form={form} name="from" type="date" label={t('municipality.dashboard.from')} value={period.from} onValue={(from) => setPeriod({ ...period, from })} />
        <TextField form={form} name="through" type="date" label={t('municipality.dashboard.through')} value={period.through} onValue={(through) => setPeriod({ ...period, through })} />
        <SubmitButton form={form} className="button">
          {t('municipality.dashboard.showPeriod')}
        </SubmitButton>
      </form>
      <FormErrors form={form} />
      <Async loaded={figures}>
        {(data) => (
          <>
            <h2>{t('municipality.dashboard.periodTitle', { from: date(data.from), through: date(data.through) })}</h2>
            <FiguresView figures={data} headingLevel={3} />
            <div className="button-row">
              <button type="button" className="button" onClick={() => exportAs('xlsx')}>
                {t('municipality.dashboard.downloadXlsx')}
              </button>
              <button type="button" className="button" onClick={() => exportAs('csv')}>
                {t('municipality.dashboard.downloadCsv')}
              </button>
            </div>
          </>
        )}
      </Async>
    </>
  );
}
