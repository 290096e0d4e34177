import { useState } from 'react';
import { api, download } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Notice, Page } from '../../ui/components';
import { FormErrors, SubmitButton, TextArea } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';

interface OwnProfile {
  memberNumber: number;
  role: 'consumer' | 'provider' | 'both';
  status: 'active' | 'suspended' | 'ended';
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  city: string | null;
  joinedOn: string;
  endsOn: string | null;
  dateOfBirth: string | null;
  contactPreferences: { email: boolean; phone: boolean; post: boolean };
  categories: string[];
}

interface PrivacyRequest {
  status: 'pending' | 'completed' | 'rejected';
  requestedAt: string;
}

/** What the cooperative keeps about the resident, a copy of all of it, and the request to be forgotten. */
export function MyDataPage() {
  const { t, date } = useI18n();
  const path = useCooperativePath();
  const profile = useLoad((signal) => api<OwnProfile>(`${path}/members/me`, { signal }), [path]);
  const exporting = useForm();

  return (
    <Page title={t('resident.data.title')}>
      <Async loaded={profile}>
        {(me) => (
          <div className="card">
            <h2 className="card__title">{t('resident.data.profile')}</h2>
            <dl className="facts">
              <dt>{t('common.name')}</dt>
              <dd>{[me.firstName, me.lastName].filter(Boolean).join(' ') || '—'}</dd>
              <dt>{t('resident.data.memberNumber')}</dt>
              <dd>{me.memberNumber}</dd>
              <dt>{t('resident.data.memberSince')}</dt>
              <dd>{date(me.joinedOn)}</dd>
              {me.endsOn && (
                <>
                  <dt>{t('resident.data.endsOn')}</dt>
                  <dd>{date(me.endsOn)}</dd>
                </>
              )}
              <dt>{t('resident.data.address')}</dt>
              <dd>{me.street ? `${me.street} ${me.houseNumber ?? ''}, ${me.postcode ?? ''} ${me.city ?? ''}` : '—'}</dd>
              <dt>{t('resident.data.email')}</dt>
              <dd>{me.email ?? '—'}</dd>
              <dt>{t('resident.data.phone')}</dt>
              <dd>{me.phone ?? '—'}</dd>
              <dt>{t('resident.data.birth')}</dt>
              <dd>{date(me.dateOfBirth)}</dd>
              <dt>{t('resident.data.contact')}</dt>
              <dd>{(['email', 'phone', 'post'] as const).filter((way) => me.contactPreferences[way]).map((way) => t(`resident.data.contact.${way}`)).join(', ') || t('resident.data.contact.none')}</dd>
              <dt>{t('resident.data.categories')}</dt>
              <dd>{me.categories.length > 0 ? me.categories.map((c) => t(`resident.data.category.${c}`)).join(', ') : t('resident.data.categories.none')}</dd>
            </dl>
          </div>
        )}
      </Async>

      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('resident.data.exportTitle')}</h2>
        <p>{t('resident.data.exportText')}</p>
        <FormErrors form={exporting} />
        <button type="button" className="button" disabled={exporting.submitting} onClick={() => void exporting.run(() => download(`${path}/members/me/data`, 'mijn-gegevens-buurtcoop.json'))}>
          {exporting.submitting ? t('common.busy') : t('resident.data.export')}
        </button>
      </section>

      <Erasure />
    </Page>
  );
}

function Erasure() {
  const { t, dateTime } = useI18n();
  const path = useCooperativePath();
  const form = useForm();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [request, setRequest] = useState<PrivacyRequest | undefined>();
  const submit = form.submit(async () => {
    setRequest(await api<PrivacyRequest>(`${path}/members/me/erasure-request`, { method: 'POST', body: { reason: reason.trim() || undefined } }));
    setConfirming(false);
  });

  return (
    <section aria-labelledby="erasure-title">
      <h2 id="erasure-title">{t('resident.data.erasureTitle')}</h2>
      <p>{t('resident.data.erasureText')}</p>
      {request ? (
        <Notice>{t(`resident.data.erasure.${request.status}`, { date: dateTime(request.requestedAt) })}</Notice>
      ) : confirming ? (
        <form className="form card form--warning" onSubmit={submit}>
          <p className="alert__title">{t('resident.data.erasureConfirmTitle')}</p>
          <p>{t('resident.data.erasureConfirmText')}</p>
          <FormErrors form={form} />
          <TextArea form={form} name="reason" label={t('resident.data.erasureReason')} hint={t('resident.data.erasureReasonHint')} value={reason} onValue={setReason} maxLength={1000} />
          <div className="button-row">
            <SubmitButton form={form} className="button button--danger">
              {t('resident.data.erasureConfirm')}
            </SubmitButton>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          {t('resident.data.erasure')}
        </button>
      )}
    </section>
  );
}
