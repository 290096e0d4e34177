/** The co-finance agreements of the cooperatives in the municipality, each with a link to its figures. */
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Async, Badge, DataTable, Page } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { AGREEMENT_TONE, MunicipalAgreement, useMunicipalityPath } from './api';

export function AgreementsPage() {
  const { t, money, date } = useI18n();
  const base = useMunicipalityPath();
  const agreements = useLoad((signal) => api<MunicipalAgreement[]>(`${base}/agreements`, { signal }), [base]);
  return (
    <Page title={t('municipality.agreements.title')}>
      <p className="muted">{t('municipality.agreements.intro')}</p>
      <Async loaded={agreements}>
        {(rows) => (
          <DataTable
            caption={t('municipality.agreements.caption')}
            rows={rows}
            rowKey={(a) => a.id}
            empty={t('municipality.agreements.none')}
            columns={[
              { header: t('municipality.agreements.reference'), cell: (a) => <Link to={`/municipality/dashboard?agreement=${a.id}`} aria-label={t('municipality.agreements.open', { reference: a.reference })}>{a.reference}</Link> },
              { header: t('municipality.agreements.cooperative'), cell: (a) => a.cooperativeName },
              { header: t('municipality.agreements.period'), cell: (a) => `${date(a.startsOn)} – ${date(a.endsOn)}` },
              { header: t('municipality.figures.granted'), cell: (a) => money(a.grantedCents), numeric: true },
              { header: t('municipality.dashboard.advancesPaid'), cell: (a) => money(a.receivedCents), numeric: true },
              { header: t('municipality.agreements.settled'), cell: (a) => (a.settledCents === null ? '—' : money(a.settledCents)), numeric: true },
              { header: t('municipality.agreements.tier'), cell: (a) => t(`municipality.tier.${a.tier}`) },
              { header: t('common.status'), cell: (a) => <Badge tone={AGREEMENT_TONE[a.status]}>{t(`municipality.agreementStatus.${a.status}`)}</Badge> },
            ]}
          />
        )}
      </Async>
    </Page>
  );
}
