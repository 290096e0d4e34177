import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, DataTable, Notice, Page } from '../../ui/components';
import { SelectField } from '../../ui/form';
import { useLoad } from '../../ui/hooks';
import { displayName } from '../board/board-api';
import { HELP_REQUEST_STATUSES, HELP_REQUEST_TONE, HelpRequest } from './exchange-api';
import { useCategories, useMembers } from './use-people';

/** Every help request of the cooperative: the open ones wait for the coordinator to find someone. */
export function HelpRequestsPage() {
  const { t } = useI18n();
  const base = useCooperativePath();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const status = params.get('status') ?? '';
  const requests = useLoad((signal) => api<HelpRequest[]>(`${base}/help-requests`, { query: { status }, signal }), [base, status]);
  const members = useMembers((requests.data ?? []).map((r) => r.consumerMemberId));
  const categories = useCategories();
  const residentName = (id: string) => {
    const member = members.data?.get(id);
    return member ? displayName(member) : '…';
  };

  return (
    <Page
      title={t('coordinator.helpRequests.title')}
      actions={
        <Link className="button button--primary" to="/help-requests/new">
          {t('coordinator.helpRequests.new')}
        </Link>
      }
    >
      {created && <Notice>{created}</Notice>}
      <p className="muted">{t('coordinator.helpRequests.intro')}</p>
      <form className="form form--inline" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          name="status"
          label={t('common.status')}
          value={status}
          onValue={(value) => setParams(value ? { status: value } : {})}
          options={[{ value: '', label: t('coordinator.helpRequests.all') }, ...HELP_REQUEST_STATUSES.map((value) => ({ value, label: t(`coordinator.helpRequest.status.${value}`) }))]}
        />
      </form>
      <Async loaded={requests}>
        {(rows) => (
          <DataTable
            caption={t('coordinator.helpRequests.caption', { total: rows.length })}
            rows={rows}
            rowKey={(row) => row.id}
            empty={t('coordinator.helpRequests.empty')}
            columns={[
              { header: t('coordinator.field.resident'), cell: (row) => residentName(row.consumerMemberId) },
              { header: t('coordinator.field.category'), cell: (row) => categories.data?.find((c) => c.id === row.categoryId)?.name ?? '…' },
              { header: t('coordinator.field.question'), cell: (row) => row.description },
              { header: t('common.status'), cell: (row) => <Badge tone={HELP_REQUEST_TONE[row.status]}>{t(`coordinator.helpRequest.status.${row.status}`)}</Badge> },
              {
                header: t('common.actions'),
                cell: (row) => {
                  const action = row.status === 'open' || row.status === 'proposed' ? 'match' : 'view';
                  return (
                    <Link to={`/help-requests/${row.id}`} aria-label={t(`coordinator.helpRequests.${action}Label`, { name: residentName(row.consumerMemberId) })}>
                      {t(`coordinator.helpRequests.${action}`)}
                    </Link>
                  );
                },
              },
            ]}
          />
        )}
      </Async>
    </Page>
  );
}
