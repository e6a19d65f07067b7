import { Alert, Button, Checkbox, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../app/RegisterPage.tsx';
import { useCreateToken } from './data.ts';
import { OneTimeSecret } from './OneTimeLink.tsx';
import { UserPicker } from './UserPicker.tsx';

/** Creates an API token for a person, with its scopes and an optional expiry; the secret is shown once. */
export function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [days, setDays] = useState<number | string>('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useCreateToken({ problemInForm: true, onSaved: (made) => setSecret(made.token) });
  const fields = create.errors;
  const submit = () => {
    const expiresAt =
      typeof days === 'number' && days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
    return create.save({ userId, name, scopes, expiresAt });
  };
  return (
    <FormDialog
      title={t('tokens.new')}
      size="lg"
      onClose={onClose}
      onSave={submit}
      saveLabel={t('tokens.submit')}
      saveDisabled={!userId || scopes.length === 0}
      submitOnEnter
      done={
        secret && (
          <Stack>
            <OneTimeSecret intro={t('tokens.created')} value={secret} />
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Stack>
        )
      }
    >
      {create.problem && !create.problem.errors.length && <Alert color="red">{create.problem.message}</Alert>}
      <UserPicker label={t('tokens.user')} value={userId} onChange={setUserId} error={fields.userId} />
      <TextInput
        label={t('tokens.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fields.name}
      />
      <Checkbox.Group label={t('tokens.scopes')} value={scopes} onChange={setScopes} error={fields.scopes}>
        <Group mt={4}>
          <Checkbox value="read" label={t('tokens.scope.read')} />
          <Checkbox value="write" label={t('tokens.scope.write')} />
        </Group>
      </Checkbox.Group>
      <NumberInput
        label={t('tokens.expiresDays')}
        min={1}
        max={3650}
        value={days}
        onChange={setDays}
        error={fields.expiresAt}
      />
    </FormDialog>
  );
}
