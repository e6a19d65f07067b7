import { Badge, Group, Pagination, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles as allRoles } from '../../kernel/access/roles.ts';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { CreateUserDialog } from './CreateUserDialog.tsx';
import { type User, useUsers } from './data.ts';
import { EditUserDialog } from './EditUserDialog.tsx';

const PAGE = 25;

/** The people who use Keel, with their roles and status; administrators add and change them. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const isAdmin = can(me, ['administrator']);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [role, setRole] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<string | null>(null);
  const list = useUsers({ q: debounced, role, active: status }, page, PAGE);
  const roleOptions = allRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const total = list.data?.total ?? 0;
  const filter = (set: (v: string | null) => void) => (v: string | null) => {
    set(v);
    setPage(1);
  };

  return (
    <RegisterPage<User>
      title={t('users.title')}
      create={{
        label: t('users.new'),
        allowed: isAdmin,
        form: (close) => <CreateUserDialog onClose={close} />,
      }}
      filters={
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
            onChange={filter(setRole)}
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
            onChange={filter(setStatus)}
            clearable
            w={200}
          />
        </Group>
      }
      error={list.error}
      table={{
        rows: list.data?.items,
        keepWhenEmpty: true,
        empty: t('users.empty'),
        emptyProps: { c: 'dimmed' },
        rowKey: (u) => u.id,
        rowProps: (u) => ({ onClick: () => setEditing(u.id), style: { cursor: 'pointer' } }),
        tableProps: { striped: true, highlightOnHover: true, verticalSpacing: 'xs' },
        columns: [
          { key: 'name', header: t('users.name'), cell: (u) => u.name },
          { key: 'email', header: t('users.email'), cell: (u) => u.email },
          {
            key: 'roles',
            header: t('users.roles'),
            cell: (u) => (
              <Group gap={4}>
                {u.roles.map((r) => (
                  <Badge key={r} variant="light" size="sm">
                    {t(`roles.${r}`)}
                  </Badge>
                ))}
              </Group>
            ),
          },
          {
            key: 'status',
            header: t('users.status'),
            cell: (u) => (
              <Badge color={u.active ? (u.hasPassword ? 'green' : 'yellow') : 'gray'} variant="dot">
                {u.active ? (u.hasPassword ? t('users.active') : t('users.noPassword')) : t('users.inactive')}
              </Badge>
            ),
          },
        ],
      }}
      footer={
        total > 0 && (
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('users.count', { from: (page - 1) * PAGE + 1, to: Math.min(total, page * PAGE), total })}
            </Text>
            <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />
          </Group>
        )
      }
    >
      {editing && <EditUserDialog id={editing} canEdit={isAdmin} onClose={() => setEditing(null)} />}
    </RegisterPage>
  );
}
