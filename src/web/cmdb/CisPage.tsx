import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  MultiSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CiView } from '../../modules/cmdb/index.ts';
import { api, get } from '../api.ts';
import { editors } from '../app/navigation.ts';
import { can, useMe } from '../auth/session.ts';
import { statusColour } from '../portfolio/ServicesPage.tsx';
import { CiForm } from './CiForm.tsx';
import { ciStatuses, useClasses } from './classes.ts';

type SavedFilter = { id: string; name: string; query: string };

/** The CI list: filters live in the URL (shareable); saved filters belong to the person, on the server. */
export function CisPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { classes, nameOf } = useClasses();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 250);
  const classFilter = params.get('class')?.split(',').filter(Boolean) ?? [];
  const statusFilter = params.get('status')?.split(',').filter(Boolean) ?? [];
  const qc = useQueryClient();
  const savedQuery = useQuery({
    queryKey: ['saved-filters', 'cis'],
    queryFn: () => get<{ items: SavedFilter[] }>('/api/v1/saved-filters?list=cis'),
  });
  const saved = savedQuery.data?.items ?? [];
  const [creating, setCreating] = useState(false);
  const update = (key: string, value: string[] | string) => {
    const next = new URLSearchParams(params);
    const v = Array.isArray(value) ? value.join(',') : value;
    if (v) next.set(key, v);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const query = new URLSearchParams();
  if (classFilter.length) query.set('class', classFilter.join(','));
  if (statusFilter.length) query.set('status', statusFilter.join(','));
  if (debounced) query.set('q', debounced);
  const list = useInfiniteQuery({
    queryKey: ['cis', query.toString()],
    queryFn: ({ pageParam }) =>
      get<{ items: CiView[]; nextCursor: string | null }>(
        `/api/v1/cis?limit=50&${query}${pageParam ? `&cursor=${pageParam}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const saveFilter = async () => {
    const name = window.prompt(t('cis.filterName'));
    if (!name) return;
    await api('/api/v1/saved-filters', {
      method: 'PUT',
      body: { list: 'cis', name, query: query.toString() },
    });
    await qc.invalidateQueries({ queryKey: ['saved-filters', 'cis'] });
  };
  const deleteFilter = async (id: string) => {
    await api(`/api/v1/saved-filters/${id}`, { method: 'DELETE' });
    await qc.invalidateQueries({ queryKey: ['saved-filters', 'cis'] });
  };
  return (
    <Stack maw={1300}>
      <Group justify="space-between">
        <Title order={2}>{t('cis.title')}</Title>
        <Group>
          <Menu>
            <Menu.Target>
              <Button variant="default">{t('cis.savedFilters')}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {saved.length === 0 && <Menu.Label>{t('cis.noSavedFilters')}</Menu.Label>}
              {saved.map((s) => (
                <Menu.Item
                  key={s.name}
                  onClick={() => {
                    const p = new URLSearchParams(s.query);
                    setQ(p.get('q') ?? '');
                    setParams(p, { replace: true });
                  }}
                  rightSection={
                    <ActionIcon
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('cis.deleteFilter')}
                      onClick={(e) => {
                        e.stopPropagation();
                        void deleteFilter(s.id);
                      }}
                    >
                      ×
                    </ActionIcon>
                  }
                >
                  {s.name}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item onClick={saveFilter}>{t('cis.saveFilter')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button variant="default" component="a" href={`/api/v1/cis/export?${query}`}>
            {t('cis.export')}
          </Button>
          {can(me, editors.cmdb) && <Button onClick={() => setCreating(true)}>{t('cis.new')}</Button>}
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          placeholder={t('cis.search')}
          aria-label={t('cis.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            update('q', e.currentTarget.value);
          }}
          w={260}
        />
        <MultiSelect
          placeholder={classFilter.length ? undefined : t('cis.anyClass')}
          aria-label={t('cis.class')}
          data={classes.map((c) => ({ value: c.key, label: nameOf(c.key) }))}
          value={classFilter}
          onChange={(v) => update('class', v)}
          searchable
          clearable
          w={320}
        />
        <MultiSelect
          placeholder={statusFilter.length ? undefined : t('cis.anyStatus')}
          aria-label={t('cis.status')}
          data={ciStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={statusFilter}
          onChange={(v) => update('status', v)}
          clearable
          w={280}
        />
      </Group>
      <Table striped highlightOnHover verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cis.name')}</Table.Th>
            <Table.Th>{t('cis.class')}</Table.Th>
            <Table.Th>{t('cis.status')}</Table.Th>
            <Table.Th>{t('cis.externalId')}</Table.Th>
            <Table.Th>{t('cis.location')}</Table.Th>
            <Table.Th>{t('cis.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id} onClick={() => navigate(`/cis/${c.id}`)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Anchor component={Link} to={`/cis/${c.id}`} onClick={(e) => e.stopPropagation()}>
                  {c.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{nameOf(c.classKey)}</Table.Td>
              <Table.Td>
                <Badge color={statusColour(c.status)} variant="light">
                  {t(`status.${c.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace" fz="xs">
                {c.externalId}
              </Table.Td>
              <Table.Td>{c.locationName}</Table.Td>
              <Table.Td fz="xs">{new Date(c.updatedAt).toLocaleDateString(i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && items.length === 0 && <Text c="dimmed">{t('cis.empty')}</Text>}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('cis.loadMore')}
        </Button>
      )}
      {creating && <CiForm onClose={() => setCreating(false)} onSaved={(id) => navigate(`/cis/${id}`)} />}
    </Stack>
  );
}
