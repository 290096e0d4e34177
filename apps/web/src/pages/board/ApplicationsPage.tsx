import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, DataTable, Notice, Page } from '../../ui/components';
import { SelectField } from '../../ui/form';
import { useLoad } from '../../ui/hooks';
import { Application, APPLICATION_TONE, ApplicationStatus, displayName, MembershipType, Page as Paged } from './board-api';
import { Pager } from './Pager';

const PAGE_SIZE = 25;
const STATUSES: ApplicationStatus[] = ['pending', 'approved', 'rejected'];

/** Who asked to join: pending applications first, oldest on top, so nobody waits longest by accident. */
export function ApplicationsPage() {
  const { t, dateTime } = useI18n();
  const base = useCooperativePath();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const decided = (location.state as { decided?: string } | null)?.decided;
  const status = (params.get('status') as ApplicationStatus | null) ?? 'pending';
  const page = Number(params.get('page') ?? 1);
  const applications = useLoad((signal) => api<Paged<Application>>(`${base}/applications`, { query: { status, page, pageSize: PAGE_SIZE }, signal }), [base, status, page]);
  const types = useLoad((signal) => api<MembershipType[]>(`${base}/membership-types`, { signal }), [base]);
  const typeName = (id: string) => types.data?.find((type) => type.id === id)?.name ?? '…';

  return (
    <Page title={t('board.applications.title')}>
      {decided && <Notice>{decided}</Notice>}
      <p className="muted">{t('board.applications.intro')}</p>
      <form className="form form--inline" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          name="status"
          label={t('board.applications.filter')}
          value={status}
          onValue={(value) => setParams({ status: value })}
          options={STATUSES.map((value) => ({ value, label: t(`board.application.status.${value}`) }))}
        />
      </form>
      <Async loaded={applications}>
        {(data) => (
          <>
            <DataTable
              caption={t('board.applications.caption', { status: t(`board.application.status.${status}`).toLowerCase(), total: data.total })}
              rows={data.items}
              rowKey={(row) => row.id}
              empty={t(`board.applications.empty.${status}`)}
              columns={[
                {
                  header: t('common.name'),
                  cell: (row) => (
                    <Link to={`/applications/${row.id}`} aria-label={t('board.applications.open', { name: displayName(row) })}>
                      {displayName(row)}
                    </Link>
                  ),
                },
                { header: t('board.field.membershipType'), cell: (row) => typeName(row.membershipTypeId) },
                { header: t('board.field.role'), cell: (row) => t(`board.role.${row.role}`) },
                { header: t('board.field.postcode'), cell: (row) => row.postcode ?? '—' },
                { header: t('board.applications.submitted'), cell: (row) => dateTime(row.submittedAt) },
                { header: t('common.status'), cell: (row) => <Badge tone={APPLICATION_TONE[row.status]}>{t(`board.application.status.${row.status}`)}</Badge> },
              ]}
            />
            <Pager page={page} pageSize={PAGE_SIZE} total={data.total} label={t('board.applications.pages')} onPage={(next) => setParams({ status, page: String(next) })} />
          </>
        )}
      </Async>
    </Page>
  );
}
