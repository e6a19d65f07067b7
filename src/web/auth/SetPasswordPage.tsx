import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PasswordField } from '../app/PasswordField.tsx';
import { PublicCard } from '../app/PublicCard.tsx';
import { useSetPassword } from './data.ts';

export function SetPasswordPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useLocation().hash.slice(1)).get('token');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [doneFor, setDoneFor] = useState<string | null>(null);
  const write = useSetPassword({ problemInForm: true, onSaved: (done) => setDoneFor(done.email) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void write.save({ token, password });
  };
  const fields = write.errors;
  return (
    <PublicCard title={t('setPassword.title')}>
      {!token ? (
        <Alert color="yellow">{t('setPassword.missing')}</Alert>
      ) : doneFor ? (
        <Stack>
          <Alert color="green">{t('setPassword.done', { email: doneFor })}</Alert>
          <Anchor component={Link} to="/login">
            {t('login.submit')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm">{t('setPassword.intro')}</Text>
            {fields.token && <Alert color="red">{fields.token}</Alert>}
            <PasswordField
              label={t('setPassword.password')}
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fields.password}
            />
            <PasswordField
              label={t('setPassword.repeat')}
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={repeat && repeat !== password ? t('setPassword.mismatch') : undefined}
            />
            <Button type="submit" disabled={!password || password !== repeat}>
              {t('setPassword.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </PublicCard>
  );
}
