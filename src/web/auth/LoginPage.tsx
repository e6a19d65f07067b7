import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { PasswordField } from '../app/PasswordField.tsx';
import { PublicCard } from '../app/PublicCard.tsx';
import { useLogin, useSetupStatus } from './data.ts';
import { useSetMe } from './session.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const setMe = useSetMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const setup = useSetupStatus();
  const login = useLogin({
    problemInForm: true,
    onSaved: (me) => {
      setMe(me);
      navigate((location.state as { from?: string } | null)?.from ?? '/', { replace: true });
    },
  });
  if (setup.data?.needed) return <Navigate to="/setup" replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void login.save({ email, password });
  };
  const { problem, errors: fields } = login;
  return (
    <PublicCard title={t('login.title')}>
      <form onSubmit={submit}>
        <Stack>
          {problem && !problem.errors.length && (
            <Alert color="red" title={t('login.failed')} role="alert">
              {problem.status === 401
                ? t('login.wrong')
                : problem.status === 429
                  ? t('login.locked', { seconds: problem.retryAfter ?? 60 })
                  : problem.message}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fields.email}
            autoFocus
          />
          <PasswordField
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fields.password}
          />
          <Button type="submit" loading={login.saving}>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </PublicCard>
  );
}
