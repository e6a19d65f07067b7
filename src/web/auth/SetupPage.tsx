import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PasswordField } from '../app/PasswordField.tsx';
import { PublicCard } from '../app/PublicCard.tsx';
import { useSetup, useSetupStatus } from './data.ts';

export function SetupPage() {
  const { t } = useTranslation();
  const status = useSetupStatus();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [done, setDone] = useState(false);
  const setup = useSetup({ problemInForm: true, onSaved: () => setDone(true) });
  if (status.data && !status.data.needed && !done) return <Navigate to="/login" replace />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void setup.save(form);
  };
  const { problem, errors: fields } = setup;
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
