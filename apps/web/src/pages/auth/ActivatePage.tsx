import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Notice, Page } from '../../ui/components';
import { FormErrors, SubmitButton, TextField } from '../../ui/form';
import { useForm } from '../../ui/hooks';

/** The link in the invitation e-mail: `/activate?token=…`; the new member chooses a password. */
export function ActivatePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [token, setToken] = useState(params.get('token') ?? '');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const form = useForm();

  return (
    <Page title={t('common.activate.title')}>
      {done ? (
        <Notice>
          {t('common.activate.done')} <Link to="/login">{t('common.login.submit')}</Link>
        </Notice>
      ) : (
        <form className="form form--narrow" noValidate onSubmit={form.submit(async () => {
          await api('/auth/activate', { method: 'POST', body: { token, password } });
          setDone(true);
        })}>
          <p>{t('common.activate.intro')}</p>
          <FormErrors form={form} />
          {!params.get('token') && <TextField form={form} name="token" required label={t('common.activate.token')} value={token} onValue={setToken} />}
          <TextField form={form} name="password" type="password" autoComplete="new-password" required minLength={10} label={t('common.activate.password')} hint={t('common.activate.passwordHint')} value={password} onValue={setPassword} />
          <SubmitButton form={form}>{t('common.activate.submit')}</SubmitButton>
        </form>
      )}
    </Page>
  );
}
