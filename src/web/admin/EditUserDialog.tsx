import { Alert, Button, Group, Modal, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles as allRoles } from '../../kernel/access/roles.ts';
import { usePasswordReset, useUpdateUser, useUser } from './data.ts';
import { absoluteLink, OneTimeSecret } from './OneTimeLink.tsx';

/**
 * One person: their name, e-mail and roles (the roles their appointments give are said apart), and for an
 * administrator deactivating them and a password reset link.
 */
export function EditUserDialog({
  id,
  canEdit,
  onClose,
}: {
  id: string;
  canEdit: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const loaded = useUser(id);
  const [draft, setDraft] = useState<{ name: string; email: string; roles: string[] } | null>(null);
  const [resetLink, setResetLink] = useState<string | null>(null);
  const update = useUpdateUser(id, {
    problemInForm: true,
    onSaved: () => {
      notifications.show({ color: 'green', message: t('users.saved') });
      onClose();
    },
    onProblem: async (e) => {
      if (e.status !== 412) return false;
      notifications.show({ color: 'yellow', message: t('users.stale') });
      setDraft(null);
      await loaded.refetch();
      return true;
    },
  });
  const reset = usePasswordReset(id, {
    problemInForm: true,
    onSaved: (made) => {
      if (made.resetLink) setResetLink(absoluteLink(made.resetLink));
    },
  });
  const user = loaded.data?.data;
  const form =
    draft ?? (user ? { name: user.name, email: user.email, roles: user.directRoles as string[] } : null);
  const patch = (body: object) => update.save({ patch: body, etag: loaded.data!.etag ?? '' });
  const problem = update.problem ?? reset.problem;
  const fields = update.errors;
  return (
    <Modal
      opened
      onClose={onClose}
      title={user ? t('users.edit.title', { name: user.name }) : t('common.loading')}
      size="lg"
    >
      {form && user && (
        <Stack>
          {problem && !problem.errors.length && <Alert color="red">{problem.message}</Alert>}
          <TextInput
            label={t('users.name')}
            value={form.name}
            disabled={!canEdit}
            onChange={(e) => setDraft({ ...form, name: e.currentTarget.value })}
            error={fields.name}
          />
          <TextInput
            label={t('users.email')}
            value={form.email}
            disabled={!canEdit}
            onChange={(e) => setDraft({ ...form, email: e.currentTarget.value })}
            error={fields.email}
          />
          <MultiSelect
            label={t('users.roles')}
            data={allRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={form.roles}
            disabled={!canEdit}
            onChange={(roles) => setDraft({ ...form, roles })}
            error={fields.roles}
          />
          {user.appointedRoles.length > 0 && (
            <Text size="sm" c="dimmed" data-testid="appointed-roles">
              {t('users.appointedRoles', {
                roles: user.appointedRoles.map((r) => t(`roles.${r}`)).join(', '),
              })}
            </Text>
          )}
          {resetLink && (
            <OneTimeSecret intro={t('users.edit.resetLink', { name: user.name })} value={resetLink} />
          )}
          {canEdit && (
            <Group justify="space-between">
              <Group>
                <Button
                  variant="light"
                  color={user.active ? 'red' : 'green'}
                  onClick={() => patch({ active: !user.active })}
                >
                  {user.active ? t('users.edit.deactivate') : t('users.edit.reactivate')}
                </Button>
                <Button variant="light" onClick={() => reset.save()} title={t('users.edit.resetHint')}>
                  {t('users.edit.reset')}
                </Button>
              </Group>
              <Button onClick={() => patch(form)}>{t('users.edit.save')}</Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}
