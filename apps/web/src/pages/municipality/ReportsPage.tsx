/** The accountability reports (verantwoordingen) the cooperatives handed in, the ones awaiting review first. */
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Async, Badge, DataTable, Page } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { AccountabilityReport, MunicipalAgreement, REPORT_TONE, useMunicipalityPath } from './api';

export function ReportsPage() {
  const { t, date } = useI18n();
  const base = useMunicipalityPath();
  const loaded = useLoad(
    async (signal) => {
      const [reports, agreements] = await Promise.all([api<AccountabilityReport[]>(`${base}/accountability-reports`, { signal }), api<MunicipalAgreement[]>(`${base}/agreements`, { signal })]);
      const waitingFirst = (r: AccountabilityReport) => (r.status === 'submitted' ? 0 : 1);
      return { reports: [...reports].sort((a, b) => waitingFirst(a) - waitingFirst(b) || b.from.localeCompare(a.from)), cooperatives: new Map(agreements.map((a) => [a.id, a.cooperativeName])) };
    },
    [base],
  );
  return (
    <Page title={t('municipality.reports.title')}>
      <p className="muted">{t('municipality.reports.intro')}</p>
      <Async loaded={loaded}>
        {({ reports, cooperatives }) => (
          <DataTable
            caption={t('municipality.reports.caption')}
            rows={reports}
            rowKey={(r) => r.id}
            empty={t('municipality.reports.none')}
            columns={[
              {
                header: t('municipality.reports.report'),
                cell: (r) => <Link to={`/municipality/reports/${r.id}`}>{t('municipality.reports.name', { reference: r.agreementReference, from: date(r.from), through: date(r.through) })}</Link>,
              },
              { header: t('municipality.agreements.cooperative'), cell: (r) => cooperatives.get(r.agreementId) ?? '—' },
              { header: t('municipality.reports.version'), cell: (r) => r.currentVersion, numeric: true },
              { header: t('common.status'), cell: (r) => <Badge tone={REPORT_TONE[r.status]}>{t(`municipality.reportStatus.${r.status}`)}</Badge> },
            ]}
          />
        )}
      </Async>
    </Page>
  );
}
