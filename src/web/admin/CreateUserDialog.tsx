import { Alert, Button, Checkbox, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles as allRoles } from '../../kernel/access/roles.ts';
import { PasswordField } from '../app/PasswordField.tsx';
import { FormDialog } from '../app/RegisterPage.tsx';
import { languages } from '../i18n/index.ts';
import type { Language } from '../types.ts';
import { useCreateUser } from './data.ts';
import { absoluteLink, OneTimeSecret } from './OneTimeLink.tsx';

/** Adds a person: with a password, or (by default) with an invitation link to set one, shown once. */
export function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    name: '',
    email: '',
    password: '',
    roles: [] as string[],
    language: 'en' as Language,
  });
  const [invite, setInvite] = useState(true);
  const [link, setLink] = useState<string | null>(null);
  const create = useCreateUser({
    problemInForm: true,
    onSaved: (made) => (made.invitationLink ? setLink(absoluteLink(made.invitationLink)) : onClose()),
  });
  const fields = create.errors;
  const submit = () => {
    const { password, ...rest } = form;
    return create.save(invite ? rest : { ...rest, password });
  };
  return (
    <FormDialog
      title={t('users.create.title')}
      size="lg"
      onClose={onClose}
      onSave={submit}
      saveLabel={t('users.create.submit')}
      submitOnEnter
      done={
        link && (
          <Stack>
            <OneTimeSecret intro={t('users.invited', { name: form.name })} value={link} />
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Stack>
        )
      }
    >
      {create.problem && !create.problem.errors.length && <Alert color="red">{create.problem.message}</Alert>}
      <TextInput
        label={t('users.name')}
        required
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        error={fields.name}
        data-autofocus
      />
      <TextInput
        label={t('users.email')}
        type="email"
        required
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
        error={fields.email}
      />
      <MultiSelect
        label={t('users.roles')}
        data={allRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        value={form.roles}
        onChange={(roles) => setForm({ ...form, roles })}
        error={fields.roles}
        searchable
      />
      <Select
        label={t('users.create.language')}
        data={languages.map((l) => ({ value: l, label: t(`language.${l}`) }))}
        value={form.language}
        onChange={(v) => setForm({ ...form, language: (v ?? 'en') as Language })}
        allowDeselect={false}
      />
      <Checkbox
        label={t('users.create.invite')}
        checked={invite}
        onChange={(e) => setInvite(e.currentTarget.checked)}
      />
      {!invite && (
        <PasswordField
          label={t('users.create.password')}
          required
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
          error={fields.password}
        />
      )}
    </FormDialog>
  );
}
