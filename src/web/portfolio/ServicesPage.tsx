import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ServiceView } from '../../modules/portfolio/index.ts';
import { get } from '../api.ts';
import { editors } from '../app/navigation.ts';
import { can, useMe } from '../auth/session.ts';
import { ServiceForm } from './ServiceForm.tsx';

export const criticalityColour = (c: number) =>
  c === 1 ? 'red' : c === 2 ? 'orange' : c === 3 ? 'yellow' : 'gray';
export const statusColour = (s: string) =>
  s === 'live' ? 'green' : s === 'retired' ? 'gray' : s === 'under_maintenance' ? 'orange' : 'blue';

export function ServicesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [status, setStatus] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const params = new URLSearchParams({ limit: '50' });
  if (debounced) params.set('q', debounced);
  if (status) params.set('status', status);
  const list = useInfiniteQuery({
    queryKey: ['services', params.toString()],
    queryFn: ({ pageParam }) =>
      get<{ items: ServiceView[]; nextCursor: string | null }>(
        `/api/v1/services?${params}${pageParam ? `&cursor=${pageParam}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('services.title')}</Title>
        {can(me, editors.portfolio) && <Button onClick={() => setCreating(true)}>{t('services.new')}</Button>}
      </Group>
      <Group>
        <TextInput
          placeholder={t('services.search')}
          aria-label={t('services.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
        />
        <Select
          placeholder={t('cis.anyStatus')}
          aria-label={t('services.status')}
          data={['pipeline', 'live', 'retired'].map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={200}
        />
      </Group>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('services.name')}</Table.Th>
            <Table.Th>{t('services.kind')}</Table.Th>
            <Table.Th>{t('services.status')}</Table.Th>
            <Table.Th>{t('services.criticality')}</Table.Th>
            <Table.Th>{t('services.owner')}</Table.Th>
            <Table.Th>{t('services.customers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id} onClick={() => navigate(`/services/${s.id}`)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Anchor component={Link} to={`/services/${s.id}`} onClick={(e) => e.stopPropagation()}>
                  {s.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`services.${s.kind}`)}</Table.Td>
              <Table.Td>
                <Badge color={statusColour(s.status)} variant="light">
                  {t(`status.${s.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Badge
                  color={criticalityColour(s.criticality)}
                  variant="filled"
                  title={t('services.criticalityHint')}
                >
                  {s.criticality}
                </Badge>
              </Table.Td>
              <Table.Td>{s.ownerName ?? '–'}</Table.Td>
              <Table.Td>{s.customers.map((c) => c.code).join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && items.length === 0 && <Text c="dimmed">{t('services.empty')}</Text>}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('services.loadMore')}
        </Button>
      )}
      {creating && (
        <ServiceForm onClose={() => setCreating(false)} onSaved={(id) => navigate(`/services/${id}`)} />
      )}
    </Stack>
  );
}
