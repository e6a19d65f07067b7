import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../modules/administration/index.ts';
import { ApiProblem, api, get } from '../api.ts';
import { can, useMe } from '../auth/session.ts';
import { OneTimeSecret } from './OneTimeLink.tsx';
import { UserPicker } from './UserPicker.tsx';

export function TokensPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const isAdmin = can(useMe().data, ['administrator']);
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: () => get<{ items: ApiToken[] }>('/api/v1/api-tokens'),
  });
  const when = (iso: string | null, none: string) =>
    iso ? new Date(iso).toLocaleString(i18n.language) : none;
  const revoke = async (tk: ApiToken) => {
    if (!window.confirm(t('tokens.confirmRevoke', { name: tk.name }))) return;
    await api(`/api/v1/api-tokens/${tk.id}`, { method: 'DELETE' });
    await qc.invalidateQueries({ queryKey: ['tokens'] });
  };
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('tokens.title')}</Title>
        {isAdmin && <Button onClick={() => setCreating(true)}>{t('tokens.new')}</Button>}
      </Group>
      <Text c="dimmed" size="sm">
        {t('tokens.intro')}
      </Text>
      {tokens.data && tokens.data.items.length === 0 ? (
        <Text c="dimmed">{t('tokens.empty')}</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tokens.name')}</Table.Th>
              <Table.Th>{t('tokens.user')}</Table.Th>
              <Table.Th>{t('tokens.scopes')}</Table.Th>
              <Table.Th>{t('tokens.expires')}</Table.Th>
              <Table.Th>{t('tokens.lastUsed')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data?.items.map((tk) => (
              <Table.Tr key={tk.id}>
                <Table.Td>
                  {tk.name}{' '}
                  <Text span c="dimmed" size="xs" ff="monospace">
                    {tk.prefix}…
                  </Text>
                </Table.Td>
                <Table.Td>
                  {tk.userName}{' '}
                  <Text span c="dimmed" size="xs">
                    {tk.userEmail}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {tk.scopes.map((s) => (
                    <Badge key={s} variant="light" size="sm" mr={4}>
                      {t(`tokens.scope.${s}`)}
                    </Badge>
                  ))}
                </Table.Td>
                <Table.Td>{when(tk.expiresAt, t('tokens.never'))}</Table.Td>
                <Table.Td>{when(tk.lastUsedAt, t('tokens.neverUsed'))}</Table.Td>
                <Table.Td>
                  {tk.revokedAt ? (
                    <Badge color="gray">{t('tokens.revoked')}</Badge>
                  ) : (
                    isAdmin && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => revoke(tk)}>
                        {t('tokens.revoke')}
                      </Button>
                    )
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <CreateToken onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function CreateToken({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [userId, setUserId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [days, setDays] = useState<number | string>('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const expiresAt =
        typeof days === 'number' && days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
      const { data } = await api<{ token: string }>('/api/v1/api-tokens', {
        method: 'POST',
        body: { userId, name, scopes, expiresAt },
      });
      setSecret(data.token);
      await qc.invalidateQueries({ queryKey: ['tokens'] });
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
    }
  };
  const fields = problem?.fieldErrors() ?? {};
  return (
    <Modal opened onClose={onClose} title={t('tokens.new')} size="lg">
      {secret ? (
        <Stack>
          <OneTimeSecret intro={t('tokens.created')} value={secret} />
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {problem && !problem.errors.length && <Alert color="red">{problem.message}</Alert>}
            <UserPicker label={t('tokens.user')} value={userId} onChange={setUserId} error={fields.userId} />
            <TextInput
              label={t('tokens.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fields.name}
            />
            <Checkbox.Group
              label={t('tokens.scopes')}
              value={scopes}
              onChange={setScopes}
              error={fields.scopes}
            >
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
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" disabled={!userId || scopes.length === 0}>
                {t('tokens.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
