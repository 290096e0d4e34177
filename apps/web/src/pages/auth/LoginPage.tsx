import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { Page } from '../../ui/components';
import { FormErrors, SubmitButton, TextField } from '../../ui/form';
import { useForm } from '../../ui/hooks';

/** Only a path inside the app may be the page to return to after logging in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm();
  const next = safeNext(params.get('next'));

  if (session.profile) return <Navigate to={next} replace />;
  return (
    <Page title={t('common.login.title')}>
      <form className="form form--narrow" noValidate onSubmit={form.submit(async () => {
        await session.login(email, password);
        navigate(next, { replace: true });
      })}>
        <FormErrors form={form} />
        <TextField form={form} name="email" type="email" autoComplete="username" required label={t('common.login.email')} value={email} onValue={setEmail} />
        <TextField form={form} name="password" type="password" autoComplete="current-password" required label={t('common.login.password')} value={password} onValue={setPassword} />
        <SubmitButton form={form}>{t('common.login.submit')}</SubmitButton>
      </form>
      <p>
        {t('common.login.noAccount')} <Link to="/sign-up">{t('common.login.signUp')}</Link>
      </p>
    </Page>
  );
}
