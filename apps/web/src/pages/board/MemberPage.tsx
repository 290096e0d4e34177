import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, DataTable, Notice, Page } from '../../ui/components';
import { FormErrors, SelectField, SubmitButton, TextArea } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { address, displayName, Member, MEMBER_TONE, MemberStatus, MembershipType, StatusChange } from './board-api';

type StatusAction = 'suspend' | 'reinstate' | 'notice' | 'end';

/** What the board may do from each status; an ended membership is final. */
const ACTIONS: Record<MemberStatus, StatusAction[]> = {
  active: ['suspend', 'notice', 'end'],
  suspended: ['reinstate', 'notice', 'end'],
  ended: [],
};

/** One member of the register: their details, the dated history of the membership, and a change of status. */
export function MemberPage() {
  const { id = '' } = useParams();
  const { t, date, dateTime } = useI18n();
  const base = useCooperativePath();
  const member = useLoad((signal) => api<Member & { history: StatusChange[] }>(`${base}/members/${id}`, { signal }), [base, id]);
  const types = useLoad((signal) => api<MembershipType[]>(`${base}/membership-types`, { signal }), [base]);
  const form = useForm();
  const [action, setAction] = useState<StatusAction | ''>('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();

  const name = member.data ? (member.data.erased ? t('board.member.erased') : displayName(member.data)) : '';
  const actions = member.data ? ACTIONS[member.data.status] : [];
  const chosen = action && actions.includes(action) ? action : actions[0];
  const change = form.submit(async () => {
    const changed = await api<Member>(`${base}/members/${id}/status`, { method: 'POST', body: { action: chosen, reason } });
    setDone(t(`board.member.done.${chosen}`, { name, endsOn: date(changed.endsOn) }));
    setReason('');
    setAction('');
    member.reload();
  });

  return (
    <Page title={name || t('board.member.titleLoading')} actions={<Link to="/members">{t('board.member.back')}</Link>}>
      {done && <Notice>{done}</Notice>}
      <Async loaded={member}>
        {(m) => (
          <>
            <div className="card">
              <dl className="facts">
                <dt>{t('board.field.memberNumber')}</dt>
                <dd>{m.memberNumber}</dd>
                <dt>{t('common.status')}</dt>
                <dd>
                  <Badge tone={MEMBER_TONE[m.status]}>{t(`board.member.status.${m.status}`)}</Badge>
                  {m.endsOn && <span> {t('board.member.endsOn', { date: date(m.endsOn) })}</span>}
                </dd>
                <dt>{t('board.field.membershipType')}</dt>
                <dd>{types.data?.find((type) => type.id === m.membershipTypeId)?.name ?? '…'}</dd>
                <dt>{t('board.field.role')}</dt>
                <dd>{t(`board.role.${m.role}`)}</dd>
                <dt>{t('board.field.email')}</dt>
                <dd>{m.email ?? '—'}</dd>
                <dt>{t('board.field.phone')}</dt>
                <dd>{m.phone ?? '—'}</dd>
                <dt>{t('board.field.address')}</dt>
                <dd>{address(m)}</dd>
                <dt>{t('board.member.joinedOn')}</dt>
                <dd>{date(m.joinedOn)}</dd>
              </dl>
            </div>
            <p>
              <Link to={`/obligations?memberId=${m.id}&status=open,overdue,escalated`}>{t('board.member.obligations', { name })}</Link>
            </p>
            <h2>{t('board.member.history')}</h2>
            <DataTable
              caption={t('board.member.historyCaption', { name })}
              rows={m.history}
              rowKey={(row) => `${row.kind}-${row.recordedAt}`}
              columns={[
                { header: t('board.member.change'), cell: (row) => t(`board.member.kind.${row.kind}`) },
                { header: t('board.member.effectiveOn'), cell: (row) => date(row.effectiveOn) },
                { header: t('board.member.reason'), cell: (row) => row.reason ?? '—' },
                { header: t('board.member.recordedAt'), cell: (row) => dateTime(row.recordedAt) },
              ]}
            />
            {actions.length > 0 && chosen && (
              <section aria-labelledby="status-change">
                <h2 id="status-change">{t('board.member.changeStatus')}</h2>
                <form className="form" noValidate onSubmit={change}>
                  <FormErrors form={form} />
                  <SelectField
                    form={form}
                    name="action"
                    label={t('board.member.action')}
                    value={chosen}
                    onValue={(value) => setAction(value as StatusAction)}
                    options={actions.map((value) => ({ value, label: t(`board.member.action.${value}`) }))}
                    hint={t(`board.member.actionHint.${chosen}`)}
                  />
                  <TextArea form={form} name="reason" label={t('board.member.reason')} hint={t('board.member.reasonHint')} value={reason} onValue={setReason} rows={3} required />
                  <div>
                    <SubmitButton form={form} className={chosen === 'reinstate' ? 'button button--primary' : 'button button--danger'}>
                      {t(`board.member.submit.${chosen}`, { name })}
                    </SubmitButton>
                  </div>
                </form>
              </section>
            )}
          </>
        )}
      </Async>
    </Page>
  );
}
