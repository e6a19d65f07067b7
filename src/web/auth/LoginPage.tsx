import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiProblem, api, get } from '../api.ts';
import { PasswordField } from '../app/PasswordField.tsx';
import { PublicCard } from '../app/PublicCard.tsx';
import type { Me } from '../types.ts';
import { useSetMe } from './session.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const setMe = useSetMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => get<{ needed: boolean }>('/api/v1/setup') });
  if (setup.data?.needed) return <Navigate to="/setup" replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await api<Me>('/api/v1/auth/login', { method: 'POST', body: { email, password } });
      setMe(data);
      navigate((location.state as { from?: string } | null)?.from ?? '/', { replace: true });
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, t('common.error'), String(err)));
    } finally {
      setBusy(false);
    }
  };
  const fields = problem?.fieldErrors() ?? {};
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
          <Button type="submit" loading={busy}>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </PublicCard>
  );
}
