import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath, useSession } from '../../session/session';
import { Async, Badge, DataTable, ErrorNotice, Notice, Page } from '../../ui/components';
import { FormErrors, SelectField, SubmitButton, TextArea, TextField } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { Evaluation, Obligation, OBLIGATION_STATUSES, OBLIGATION_TONE, OBLIGATION_TYPES, SummaryRow } from './board-api';
import { Pager } from './Pager';

const PAGE_SIZE = 50;
const UNMET = 'overdue,escalated';
const STATUS_CHOICES = [UNMET, 'open,overdue,escalated', ...OBLIGATION_STATUSES];

/**
 * The board's worklist of what members (and the cooperative itself) still owe: overdue and escalated first,
 * longest overdue on top. Obligations are met by the facts; the board can only remind or waive.
 */
export function ObligationsPage() {
  const { t, money, date } = useI18n();
  const base = useCooperativePath();
  const session = useSession();
  const mayManage = session.has('board');
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? UNMET;
  const type = params.get('type') ?? '';
  const memberId = params.get('memberId') ?? '';
  const page = Number(params.get('page') ?? 1);
  const [minAge, setMinAge] = useState(params.get('minAgeDays') ?? '');
  const worklist = useLoad(
    (signal) => api<{ items: Obligation[]; total: number }>(`${base}/obligations`, { query: { status, type, memberId, minAgeDays: params.get('minAgeDays'), page, pageSize: PAGE_SIZE }, signal }),
    [base, params.toString()],
  );
  const summary = useLoad((signal) => api<SummaryRow[]>(`${base}/obligations/summary`, { signal }), [base]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkAction, setBulkAction] = useState<'remind' | 'waive'>('remind');
  const [bulkReason, setBulkReason] = useState('');
  const [waiving, setWaiving] = useState<Obligation>();
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string>();
  const bulk = useForm();
  const waive = useForm();
  const evaluation = useForm();

  const change = (values: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    next.delete('page');
    setParams(next);
    setSelected(new Set());
  };
  const refresh = () => {
    worklist.reload();
    summary.reload();
  };
  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const runBulk = bulk.submit(async () => {
    const ids = [...selected];
    const { results } = await api<{ results: Array<{ id: string; done: boolean; reason?: string }> }>(`${base}/obligations/bulk`, {
      method: 'POST',
      body: { ids, action: bulkAction, reason: bulkAction === 'waive' ? bulkReason : undefined },
    });
    const done = results.filter((r) => r.done).length;
    setNotice(t(`board.obligations.bulkDone.${bulkAction}`, { done, skipped: results.length - done }));
    setSelected(new Set());
    setBulkReason('');
    refresh();
  });
  const runWaive = waive.submit(async () => {
    if (!waiving) return;
    await api(`${base}/obligations/${waiving.id}/waive`, { method: 'POST', body: { reason } });
    setNotice(t('board.obligations.waived', { summary: waiving.summary }));
    setWaiving(undefined);
    setReason('');
    refresh();
  });
  const evaluate = () =>
    evaluation.run(async () => {
      const result = await api<Evaluation>(`${base}/obligations/evaluate`, { method: 'POST' });
      setNotice(t('board.obligations.evaluated', { ...result }));
      refresh();
    });

  const totals = (statuses: string[]) => (summary.data ?? []).filter((row) => statuses.includes(row.status)).reduce((sum, row) => ({ count: sum.count + row.count, amount: sum.amount + row.amountCents }), { count: 0, amount: 0 });
  const overdue = totals(['overdue']);
  const escalated = totals(['escalated']);
  const longOverdue = (summary.data ?? []).filter((row) => row.ageBucket === '60+' && row.status !== 'open').reduce((sum, row) => sum + row.count, 0);

  return (
    <Page
      title={t('board.obligations.title')}
      actions={
        mayManage && (
          <button type="button" className="button" onClick={evaluate} disabled={evaluation.submitting}>
            {evaluation.submitting ? t('common.busy') : t('board.obligations.evaluate')}
          </button>
        )
      }
    >
      {notice && <Notice>{notice}</Notice>}
      {evaluation.error && <ErrorNotice error={evaluation.error} />}
      <p className="muted">{t('board.obligations.intro')}</p>
      {summary.error ? (
        <ErrorNotice error={summary.error} />
      ) : (
        <dl className="stats">
          <div className="stat">
            <dt>{t('board.obligations.stat.overdue')}</dt>
            <dd>{overdue.count}</dd>
          </div>
          <div className="stat">
            <dt>{t('board.obligations.stat.escalated')}</dt>
            <dd>{escalated.count}</dd>
          </div>
          <div className="stat">
            <dt>{t('board.obligations.stat.amount')}</dt>
            <dd>{money(overdue.amount + escalated.amount)}</dd>
          </div>
          <div className="stat">
            <dt>{t('board.obligations.stat.long')}</dt>
            <dd>{longOverdue}</dd>
          </div>
        </dl>
      )}
      <form
        className="form form--inline filters"
        aria-label={t('board.obligations.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          change({ minAgeDays: minAge.trim() });
        }}
      >
        <SelectField name="status" label={t('common.status')} value={status} onValue={(v) => change({ status: v })} options={STATUS_CHOICES.map((value) => ({ value, label: t(`board.obligations.statusFilter.${value}`) }))} />
        <SelectField name="type" label={t('board.obligations.type')} value={type} onValue={(v) => change({ type: v })} options={[{ value: '', label: t('board.obligations.anyType') }, ...OBLIGATION_TYPES.map((value) => ({ value, label: t(`board.obligation.type.${value}`) }))]} />
        <TextField name="minAgeDays" type="number" min={0} label={t('board.obligations.minAge')} value={minAge} onValue={setMinAge} size={5} />
        <button type="submit" className="button">
          {t('board.obligations.apply')}
        </button>
      </form>
      {memberId && (
        <p>
          {t('board.obligations.oneMember')} <Link to={`/members/${memberId}`}>{t('board.obligations.toMember')}</Link> ·{' '}
          <button type="button" className="link-button" onClick={() => change({ memberId: '' })}>
            {t('board.obligations.allMembers')}
          </button>
        </p>
      )}
      {waiving && (
        <form className="form card" noValidate onSubmit={runWaive} aria-labelledby="waive-title">
          <h2 id="waive-title">{t('board.obligations.waiveTitle', { summary: waiving.summary })}</h2>
          <FormErrors form={waive} />
          <TextArea form={waive} name="reason" label={t('board.obligations.reason')} hint={t('board.obligations.reasonHint')} value={reason} onValue={setReason} rows={2} required />
          <div className="button-row">
            <SubmitButton form={waive} className="button button--danger">
              {t('board.obligations.confirmWaive')}
            </SubmitButton>
            <button type="button" className="button" onClick={() => setWaiving(undefined)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <Async loaded={worklist}>
        {(data) => {
          const actionable = data.items.filter((o) => ['open', 'overdue', 'escalated'].includes(o.status));
          return (
            <>
              <DataTable
                caption={t('board.obligations.caption', { total: data.total })}
                rows={data.items}
                rowKey={(row) => row.id}
                empty={t('board.obligations.empty')}
                columns={[
                  ...(mayManage
                    ? [
                        {
                          header: t('board.obligations.select'),
                          cell: (row: Obligation) =>
                            actionable.includes(row) ? (
                              <input type="checkbox" checked={selected.has(row.id)} onChange={() => toggle(row.id)} aria-label={t('board.obligations.selectOne', { summary: row.summary })} />
                            ) : null,
                        },
                      ]
                    : []),
                  { header: t('board.obligations.type'), cell: (row) => t(`board.obligation.type.${row.type}`) },
                  { header: t('board.obligations.what'), cell: (row) => row.summary },
                  {
                    header: t('board.obligations.member'),
                    cell: (row) => (row.memberId ? <Link to={`/members/${row.memberId}`}>{row.memberName ?? `#${row.memberNumber}`}</Link> : <span className="muted">{t('board.obligations.cooperative')}</span>),
                  },
                  { header: t('common.amount'), numeric: true, cell: (row) => (row.amountCents === null ? '—' : money(row.amountCents)) },
                  { header: t('board.obligations.due'), cell: (row) => `${date(row.dueAt)}${row.ageDays > 0 ? ` · ${t('board.obligations.daysOverdue', { days: row.ageDays })}` : ''}` },
                  {
                    header: t('common.status'),
                    cell: (row) => (
                      <>
                        <Badge tone={OBLIGATION_TONE[row.status]}>{t(`board.obligation.status.${row.status}`)}</Badge>
                        {row.step && <span className="muted"> {t(`board.obligation.step.${row.step}`)}</span>}
                        {row.waiverReason && <span className="muted"> {row.waiverReason}</span>}
                      </>
                    ),
                  },
                  ...(mayManage
                    ? [
                        {
                          header: t('common.actions'),
                          cell: (row: Obligation) =>
                            actionable.includes(row) ? (
                              <button type="button" className="button button--small" onClick={() => setWaiving(row)} aria-label={t('board.obligations.waiveLabel', { summary: row.summary })}>
                                {t('board.obligations.waive')}
                              </button>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
              <Pager page={page} pageSize={PAGE_SIZE} total={data.total} label={t('board.obligations.pages')} onPage={(next) => setParams((previous) => ({ ...Object.fromEntries(previous), page: String(next) }))} />
              {mayManage && actionable.length > 0 && (
                <form className="form card" noValidate onSubmit={runBulk} aria-labelledby="bulk-title">
                  <h2 id="bulk-title">{t('board.obligations.bulkTitle', { count: selected.size })}</h2>
                  <FormErrors form={bulk} />
                  <SelectField form={bulk} name="action" label={t('board.obligations.bulkAction')} value={bulkAction} onValue={(v) => setBulkAction(v as 'remind' | 'waive')} options={[{ value: 'remind', label: t('board.obligations.remind') }, { value: 'waive', label: t('board.obligations.waive') }]} />
                  {bulkAction === 'waive' && <TextArea form={bulk} name="reason" label={t('board.obligations.reason')} hint={t('board.obligations.reasonHint')} value={bulkReason} onValue={setBulkReason} rows={2} required />}
                  <FormErrorsFor form={bulk} field="ids" />
                  <div>
                    <SubmitButton form={bulk}>{t(`board.obligations.bulkSubmit.${bulkAction}`, { count: selected.size })}</SubmitButton>
                  </div>
                </form>
              )}
            </>
          );
        }}
      </Async>
    </Page>
  );
}

/** A message the API gives for a field that has no input of its own (the selection). */
function FormErrorsFor({ form, field }: { form: ReturnType<typeof useForm>; field: string }) {
  const message = form.fieldErrors[field];
  return message ? <p className="field__error">{message}</p> : null;
}
