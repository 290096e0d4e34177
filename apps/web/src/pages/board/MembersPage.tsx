import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, DataTable, Page } from '../../ui/components';
import { SelectField, TextField } from '../../ui/form';
import { useLoad } from '../../ui/hooks';
import { displayName, Member, MEMBER_TONE, MembershipType } from './board-api';
import { Pager } from './Pager';

const PAGE_SIZE = 25;
const FILTERS = ['search', 'status', 'membershipTypeId', 'role', 'postcodeArea', 'sort'] as const;

/** The member register: find a member by name, e-mail or number, narrow it down, and open one. */
export function MembersPage() {
  const { t, date } = useI18n();
  const base = useCooperativePath();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('search') ?? '');
  const [area, setArea] = useState(params.get('postcodeArea') ?? '');
  const page = Number(params.get('page') ?? 1);
  const filter = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const sort = filter.sort || 'memberNumber';
  const members = useLoad(
    (signal) =>
      api<{ items: Member[]; total: number }>(`${base}/members`, {
        query: { ...filter, sort, direction: sort === 'joinedOn' ? 'desc' : 'asc', page, pageSize: PAGE_SIZE },
        signal,
      }),
    [base, params.toString()],
  );
  const types = useLoad((signal) => api<MembershipType[]>(`${base}/membership-types`, { signal }), [base]);

  const change = (values: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    next.delete('page');
    setParams(next);
  };
  const find = (event: FormEvent) => {
    event.preventDefault();
    change({ search: search.trim(), postcodeArea: area.trim() });
  };
  const any = { value: '', label: t('board.members.any') };

  return (
    <Page title={t('board.members.title')}>
      <form className="form form--inline filters" role="search" aria-label={t('board.members.filters')} onSubmit={find}>
        <TextField name="search" type="search" label={t('board.members.search')} hint={t('board.members.searchHint')} value={search} onValue={setSearch} />
        <TextField name="postcodeArea" inputMode="numeric" label={t('board.members.postcodeArea')} hint={t('board.members.postcodeAreaHint')} value={area} onValue={setArea} size={6} />
        <button type="submit" className="button">
          {t('board.members.find')}
        </button>
        <SelectField name="status" label={t('common.status')} value={filter.status} onValue={(v) => change({ status: v })} options={[any, ...(['active', 'suspended', 'ended'] as const).map((value) => ({ value, label: t(`board.member.status.${value}`) }))]} />
        <SelectField name="membershipTypeId" label={t('board.field.membershipType')} value={filter.membershipTypeId} onValue={(v) => change({ membershipTypeId: v })} options={[any, ...(types.data ?? []).map((type) => ({ value: type.id, label: type.name }))]} />
        <SelectField name="role" label={t('board.field.role')} value={filter.role} onValue={(v) => change({ role: v })} options={[any, ...(['consumer', 'provider'] as const).map((value) => ({ value, label: t(`board.role.${value}`) }))]} />
        <SelectField name="sort" label={t('board.members.sort')} value={sort} onValue={(v) => change({ sort: v })} options={(['memberNumber', 'lastName', 'joinedOn', 'postcode'] as const).map((value) => ({ value, label: t(`board.members.sortBy.${value}`) }))} />
      </form>
      <Async loaded={members}>
        {(data) => (
          <>
            <DataTable
              caption={t('board.members.caption', { total: data.total })}
              rows={data.items}
              rowKey={(row) => row.id}
              empty={t('board.members.empty')}
              columns={[
                { header: t('board.field.memberNumber'), numeric: true, cell: (row) => row.memberNumber },
                {
                  header: t('common.name'),
                  cell: (row) => (row.erased ? <span className="muted">{t('board.member.erased')}</span> : <Link to={`/members/${row.id}`}>{displayName(row)}</Link>),
                },
                { header: t('board.field.email'), cell: (row) => row.email ?? '—' },
                { header: t('board.field.postcode'), cell: (row) => row.postcode ?? '—' },
                { header: t('board.field.role'), cell: (row) => t(`board.role.${row.role}`) },
                { header: t('board.member.joinedOn'), cell: (row) => date(row.joinedOn) },
                { header: t('common.status'), cell: (row) => <Badge tone={MEMBER_TONE[row.status]}>{t(`board.member.status.${row.status}`)}</Badge> },
              ]}
            />
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={data.total}
              label={t('board.members.pages')}
              onPage={(next) => {
                const nextParams = new URLSearchParams(params);
                nextParams.set('page', String(next));
                setParams(nextParams);
              }}
            />
          </>
        )}
      </Async>
    </Page>
  );
}
