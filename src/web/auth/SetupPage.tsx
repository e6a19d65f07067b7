import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { ApiProblem, api, get } from '../api.ts';
import { PasswordField } from '../app/PasswordField.tsx';
import { PublicCard } from '../app/PublicCard.tsx';

export function SetupPage() {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: ['setup'], queryFn: () => get<{ needed: boolean }>('/api/v1/setup') });
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState(false);
  if (status.data && !status.data.needed && !done) return <Navigate to="/login" replace />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await api('/api/v1/setup', { method: 'POST', body: form });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
    }
  };
  const fields = problem?.fieldErrors() ?? {};
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  return (
    <PublicCard title={t('setup.title')}>
      {done ? (
        <Stack>
          <Alert color="green">{t('setup.done')}</Alert>
          <Anchor component={Link} to="/login">
            {t('login.submit')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm">{t('setup.intro')}</Text>
            {problem && !problem.errors.length && <Alert color="red">{problem.message}</Alert>}
            <TextInput
              label={t('setup.name')}
              required
              value={form.name}
              onChange={set('name')}
              error={fields.name}
            />
            <TextInput
              label={t('login.email')}
              type="email"
              required
              value={form.email}
              onChange={set('email')}
              error={fields.email}
            />
            <PasswordField
              label={t('login.password')}
              description={t('setPassword.intro')}
              required
              value={form.password}
              onChange={set('password')}
              error={fields.password}
            />
            <Button type="submit">{t('setup.submit')}</Button>
          </Stack>
        </form>
      )}
    </PublicCard>
  );
}
