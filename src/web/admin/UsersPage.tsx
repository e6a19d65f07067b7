import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles as allRoles } from '../../kernel/access/roles.ts';
import type { User } from '../../modules/administration/index.ts';
import { ApiProblem, api, get } from '../api.ts';
import { PasswordField } from '../app/PasswordField.tsx';
import { can, useMe } from '../auth/session.ts';
import { languages } from '../i18n/index.ts';
import type { Language, Page } from '../types.ts';
import { absoluteLink, OneTimeSecret } from './OneTimeLink.tsx';

const PAGE = 25;

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const isAdmin = can(me, ['administrator']);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [role, setRole] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const params = new URLSearchParams({ limit: String(PAGE), offset: String((page - 1) * PAGE) });
  if (debounced) params.set('q', debounced);
  if (role) params.set('role', role);
  if (status) params.set('active', status);
  const list = useQuery({
    queryKey: ['users', params.toString()],
    queryFn: () => get<Page<User>>(`/api/v1/users?${params}`),
    placeholderData: keepPreviousData,
  });
  const roleOptions = allRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const total = list.data?.total ?? 0;

  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        {isAdmin && <Button onClick={() => setCreating(true)}>{t('users.new')}</Button>}
      </Group>
      <Group>
        <TextInput
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          w={260}
        />
        <Select
          placeholder={t('users.anyRole')}
          aria-label={t('users.roles')}
          data={roleOptions}
          value={role}
          onChange={(v) => {
            setRole(v);
            setPage(1);
          }}
          clearable
          w={240}
        />
        <Select
          placeholder={t('users.anyStatus')}
          aria-label={t('users.status')}
          data={[
            { value: 'true', label: t('users.activeOnly') },
            { value: 'false', label: t('users.inactiveOnly') },
          ]}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          clearable
          w={200}
        />
      </Group>
      {list.error && <Alert color="red">{(list.error as Error).message}</Alert>}
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.name')}</Table.Th>
            <Table.Th>{t('users.email')}</Table.Th>
            <Table.Th>{t('users.roles')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((u) => (
            <Table.Tr key={u.id} onClick={() => setEditing(u.id)} style={{ cursor: 'pointer' }}>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {u.roles.map((r) => (
                    <Badge key={r} variant="light" size="sm">
                      {t(`roles.${r}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge color={u.active ? (u.hasPassword ? 'green' : 'yellow') : 'gray'} variant="dot">
                  {u.active
                    ? u.hasPassword
                      ? t('users.active')
                      : t('users.noPassword')
                    : t('users.inactive')}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && total === 0 && <Text c="dimmed">{t('users.empty')}</Text>}
      {total > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('users.count', { from: (page - 1) * PAGE + 1, to: Math.min(total, page * PAGE), total })}
          </Text>
          <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />
        </Group>
      )}
      {creating && <CreateUser onClose={() => setCreating(false)} />}
      {editing && <EditUser id={editing} canEdit={isAdmin} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function CreateUser({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({
    name: '',
    email: '',
    password: '',
    roles: [] as string[],
    language: 'en' as Language,
  });
  const [invite, setInvite] = useState(true);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const { password, ...rest } = form;
      const { data } = await api<{ user: User; invitationLink?: string }>('/api/v1/users', {
        method: 'POST',
        body: invite ? rest : { ...rest, password },
      });
      await qc.invalidateQueries({ queryKey: ['users'] });
      if (data.invitationLink) setLink(absoluteLink(data.invitationLink));
      else onClose();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
    }
  };
  const fields = problem?.fieldErrors() ?? {};
  return (
    <Modal opened onClose={onClose} title={t('users.create.title')} size="lg">
      {link ? (
        <Stack>
          <OneTimeSecret intro={t('users.invited', { name: form.name })} value={link} />
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {problem && !problem.errors.length && <Alert color="red">{problem.message}</Alert>}
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
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit">{t('users.create.submit')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function EditUser({ id, canEdit, onClose }: { id: string; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const loaded = useQuery({
    queryKey: ['user', id],
    queryFn: () => api<User>(`/api/v1/users/${id}`),
    gcTime: 0,
  });
  const [draft, setDraft] = useState<{ name: string; email: string; roles: string[] } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [resetLink, setResetLink] = useState<string | null>(null);
  const user = loaded.data?.data;
  const form =
    draft ?? (user ? { name: user.name, email: user.email, roles: user.directRoles as string[] } : null);

  const patch = async (body: object) => {
    setProblem(null);
    try {
      await api<User>(`/api/v1/users/${id}`, {
        method: 'PATCH',
        body,
        headers: { 'if-match': loaded.data!.etag ?? '' },
      });
      await qc.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'green', message: t('users.saved') });
      onClose();
    } catch (err) {
      if (err instanceof ApiProblem && err.status === 412) {
        notifications.show({ color: 'yellow', message: t('users.stale') });
        setDraft(null);
        await loaded.refetch();
      } else if (err instanceof ApiProblem) setProblem(err);
    }
  };
  const reset = async () => {
    try {
      const { data } = await api<{ resetLink?: string }>(`/api/v1/users/${id}/password-reset`, {
        method: 'POST',
        body: {},
      });
      if (data.resetLink) setResetLink(absoluteLink(data.resetLink));
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
    }
  };
  const fields = problem?.fieldErrors() ?? {};
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
                <Button variant="light" onClick={reset} title={t('users.edit.resetHint')}>
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
