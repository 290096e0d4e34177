import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, DataTable, Notice, Page } from '../../ui/components';
import { FormErrors, SelectField, SubmitButton, TextField } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';

const KINDS = ['vog', 'first_aid', 'driving_licence', 'other'] as const;

interface Credential {
  id: string;
  kind: (typeof KINDS)[number];
  description: string | null;
  issuedOn: string;
  expiresOn: string;
  verified: boolean;
}

/**
 * The provider's certificates: a VOG (certificate of conduct) that some kinds of help require, a first-aid
 * certificate, a driving licence. A coordinator checks the original before it counts.
 */
export function CredentialsPage() {
  const { t, date } = useI18n();
  const path = useCooperativePath();
  const credentials = useLoad((signal) => api<Credential[]>(`${path}/credentials/mine`, { signal }), [path]);
  const form = useForm();
  const [kind, setKind] = useState<string>('vog');
  const [description, setDescription] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [added, setAdded] = useState<Credential | undefined>();
  const today = new Date().toISOString().slice(0, 10);

  const submit = form.submit(async () => {
    setAdded(await api<Credential>(`${path}/credentials`, { method: 'POST', body: { kind, description: description.trim() || undefined, issuedOn, expiresOn } }));
    setDescription('');
    setIssuedOn('');
    setExpiresOn('');
    credentials.reload();
  });

  const status = (c: Credential) => {
    if (c.expiresOn < today) return <Badge tone="bad">{t('provider.credentials.expired')}</Badge>;
    return c.verified ? <Badge tone="good">{t('provider.credentials.verified')}</Badge> : <Badge tone="warn">{t('provider.credentials.unverified')}</Badge>;
  };

  return (
    <Page title={t('provider.credentials.title')}>
      <p className="lead">{t('provider.credentials.intro')}</p>
      {added && <Notice>{t('provider.credentials.added', { kind: t(`provider.credentials.kind.${added.kind}`) })}</Notice>}
      <Async loaded={credentials}>
        {(list) => (
          <DataTable
            caption={t('provider.credentials.caption')}
            rows={list}
            rowKey={(c) => c.id}
            empty={t('provider.credentials.empty')}
            columns={[
              { header: t('provider.credentials.kind'), cell: (c) => t(`provider.credentials.kind.${c.kind}`) },
              { header: t('common.description'), cell: (c) => c.description ?? '—' },
              { header: t('provider.credentials.issuedOn'), cell: (c) => date(c.issuedOn) },
              { header: t('provider.credentials.expiresOn'), cell: (c) => date(c.expiresOn) },
              { header: t('common.status'), cell: status },
            ]}
          />
        )}
      </Async>
      <section aria-labelledby="add-title">
        <h2 id="add-title">{t('provider.credentials.addTitle')}</h2>
        <form className="form card" onSubmit={submit}>
          <FormErrors form={form} />
          <SelectField form={form} name="kind" label={t('provider.credentials.kind')} value={kind} onValue={setKind} options={KINDS.map((k) => ({ value: k, label: t(`provider.credentials.kind.${k}`) }))} />
          <TextField form={form} name="description" label={t('provider.credentials.description')} hint={t('provider.credentials.descriptionHint')} value={description} onValue={setDescription} maxLength={200} />
          <div className="form-pair">
            <TextField form={form} name="issuedOn" type="date" label={t('provider.credentials.issuedOn')} value={issuedOn} onValue={setIssuedOn} required />
            <TextField form={form} name="expiresOn" type="date" label={t('provider.credentials.expiresOn')} value={expiresOn} onValue={setExpiresOn} required />
          </div>
          <div className="button-row">
            <SubmitButton form={form}>{t('provider.credentials.submit')}</SubmitButton>
          </div>
        </form>
      </section>
    </Page>
  );
}
