import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, Notice, Page } from '../../ui/components';
import { FormErrors, SubmitButton, TextArea } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { address, Application, APPLICATION_TONE, displayName, Member, MembershipType } from './board-api';

/** One application in full, and the board's decision on it: approve (the applicant becomes a member) or reject with a reason. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t, date, dateTime } = useI18n();
  const base = useCooperativePath();
  const application = useLoad((signal) => api<Application>(`${base}/applications/${id}`, { signal }), [base, id]);
  const types = useLoad((signal) => api<MembershipType[]>(`${base}/membership-types`, { signal }), [base]);
  const approval = useForm();
  const rejection = useForm();
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [outcome, setOutcome] = useState<{ member?: Member; rejected?: boolean }>();

  const name = application.data ? displayName(application.data) : '';
  const approve = () =>
    approval.run(async () => {
      const result = await api<{ member: Member }>(`${base}/applications/${id}/approve`, { method: 'POST' });
      setOutcome({ member: result.member });
      application.reload();
    });
  const reject = rejection.submit(async () => {
    await api(`${base}/applications/${id}/reject`, { method: 'POST', body: { reason } });
    setOutcome({ rejected: true });
    setRejecting(false);
    application.reload();
  });

  return (
    <Page title={name ? t('board.application.title', { name }) : t('board.application.titleLoading')} actions={<Link to="/applications">{t('board.application.back')}</Link>}>
      {outcome?.member && (
        <Notice>
          {t('board.application.approved', { name, number: outcome.member.memberNumber })}{' '}
          <Link to={`/members/${outcome.member.id}`}>{t('board.application.toMember')}</Link>
        </Notice>
      )}
      {outcome?.rejected && <Notice>{t('board.application.rejected', { name })}</Notice>}
      <FormErrors form={approval} />
      <Async loaded={application}>
        {(a) => (
          <>
            <div className="card">
              <dl className="facts">
                <dt>{t('common.status')}</dt>
                <dd>
                  <Badge tone={APPLICATION_TONE[a.status]}>{t(`board.application.status.${a.status}`)}</Badge>
                </dd>
                <dt>{t('board.field.membershipType')}</dt>
                <dd>{types.data?.find((type) => type.id === a.membershipTypeId)?.name ?? '…'}</dd>
                <dt>{t('board.field.role')}</dt>
                <dd>{t(`board.role.${a.role}`)}</dd>
                <dt>{t('board.field.email')}</dt>
                <dd>{a.email ?? '—'}</dd>
                <dt>{t('board.field.phone')}</dt>
                <dd>{a.phone ?? '—'}</dd>
                <dt>{t('board.field.address')}</dt>
                <dd>{address(a)}</dd>
                <dt>{t('board.applications.submitted')}</dt>
                <dd>{dateTime(a.submittedAt)}</dd>
                <dt>{t('board.application.privacy')}</dt>
                <dd>{t('board.application.privacyVersion', { version: a.privacyStatementVersion })}</dd>
                {a.decidedAt && (
                  <>
                    <dt>{t('board.application.decidedAt')}</dt>
                    <dd>{dateTime(a.decidedAt)}</dd>
                  </>
                )}
                {a.rejectionReason && (
                  <>
                    <dt>{t('board.application.reason')}</dt>
                    <dd>{a.rejectionReason}</dd>
                  </>
                )}
              </dl>
            </div>
            {a.householdPersons.length > 0 && (
              <>
                <h2>{t('board.application.household')}</h2>
                <ul>
                  {a.householdPersons.map((person, index) => (
                    <li key={index}>
                      {person.firstName} {person.lastName}
                      {person.dateOfBirth && <span className="muted"> ({date(person.dateOfBirth)})</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {a.status === 'approved' && a.memberId && !outcome?.member && (
              <p>
                <Link to={`/members/${a.memberId}`}>{t('board.application.toMember')}</Link>
              </p>
            )}
            {a.status === 'pending' && (
              <section aria-labelledby="decision" className="decision">
                <h2 id="decision">{t('board.application.decision')}</h2>
                <p className="muted">{t('board.application.decisionHint')}</p>
                <div className="button-row">
                  <button type="button" className="button button--primary" onClick={approve} disabled={approval.submitting} aria-label={approval.submitting ? undefined : t('board.application.approveLabel', { name })}>
                    {approval.submitting ? t('common.busy') : t('board.application.approve')}
                  </button>
                  {!rejecting && (
                    <button type="button" className="button button--danger" onClick={() => setRejecting(true)} aria-label={t('board.application.rejectLabel', { name })}>
                      {t('board.application.reject')}
                    </button>
                  )}
                </div>
                {rejecting && (
                  <form className="form" noValidate onSubmit={reject}>
                    <FormErrors form={rejection} />
                    <TextArea form={rejection} name="reason" label={t('board.application.reasonLabel')} hint={t('board.application.reasonHint')} value={reason} onValue={setReason} rows={3} required />
                    <div className="button-row">
                      <SubmitButton form={rejection} className="button button--danger">
                        {t('board.application.confirmReject', { name })}
                      </SubmitButton>
                      <button type="button" className="button" onClick={() => setRejecting(false)}>
                        {t('common.cancel')}
                      </button>
                    </div>
                  </form>
                )}
              </section>
            )}
          </>
        )}
      </Async>
    </Page>
  );
}
