import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  MultiSelect,
  NavLink,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { changeStates } from '../../modules/changes/lifecycle.ts';
import { requestStates } from '../../modules/requests/states.ts';
import { incidentStates } from '../../modules/servicedesk/lifecycle.ts';
import { api, get } from '../api.ts';
import { showProblem } from '../app/showProblem.ts';
import { useMe } from '../auth/session.ts';
import { stateName } from '../i18n/state-name.ts';
import { ClockBadge } from '../records/ClockBadge.tsx';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { priorityColour, useDeskOptions } from './options.ts';
import type { WorkItemRow } from './types.ts';

const queues = ['mine', 'groups', 'unassigned', 'breaching', 'major', 'open', 'all'] as const;
/** Incidents' states, then those only service requests and changes have. */
const states = [...new Set<string>([...incidentStates, ...requestStates, ...changeStates])];
const sorts = ['priority', 'due', '-updated', '-created'];
/** The clock an agent should look at: the running one with least time left, else a missed or paused one. */
const mostUrgent = (clocks: WorkItemRow['clocks']) =>
  [...clocks].filter((c) => c.state === 'running').sort((a, b) => a.remainingMs - b.remainingMs)[0] ??
  clocks.find((c) => c.breached && c.state !== 'stopped') ??
  clocks.find((c) => c.state === 'paused');
const shortDate = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

type SavedView = { id: string; name: string; query: string; groupName: string | null; mine: boolean };

/** The agent workspace: queues with live counts, filters in the URL, saved views, bulk changes. */
export function WorkspacePage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const opts = useDeskOptions();
  const [params, setParams] = useSearchParams();
  const queue = (params.get('queue') ?? 'open') as (typeof queues)[number];
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 250);
  const [selected, setSelected] = useState<string[]>([]);
  const set = (key: string, value: string | string[] | null) => {
    const next = new URLSearchParams(params);
    const v = Array.isArray(value) ? value.join(',') : value;
    if (v) next.set(key, v);
    else next.delete(key);
    setParams(next, { replace: true });
    setSelected([]);
  };
  const query = new URLSearchParams();
  query.set('queue', queue);
  for (const k of ['state', 'priority', 'group', 'sort', 'service', 'customer', 'assignee']) {
    const v = params.get(k);
    if (v) query.set(k, v);
  }
  if (debounced) query.set('q', debounced);
  const counts = useQuery({
    queryKey: ['queues'],
    queryFn: () => get<Record<string, number>>('/api/v1/work-items/queues'),
  });
  const list = useInfiniteQuery({
    queryKey: ['work-items', query.toString()],
    queryFn: ({ pageParam }) =>
      get<{ items: WorkItemRow[]; nextCursor: string | null }>(
        `/api/v1/work-items?limit=50&${query}${pageParam ? `&cursor=${pageParam}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const views = useQuery({
    queryKey: ['saved-filters', 'work-items'],
    queryFn: () => get<{ items: SavedView[] }>('/api/v1/saved-filters?list=work-items'),
  });
  const myGroups = opts.groups.filter((g) => g.members.some((m) => m.id === me.id));

  const saveView = async (groupId: string | null) => {
    const name = window.prompt(t('workspace.viewName'));
    if (!name) return;
    const saved = new URLSearchParams(query);
    await api('/api/v1/saved-filters', {
      method: 'PUT',
      body: { list: 'work-items', name, query: saved.toString(), groupId },
    });
    await qc.invalidateQueries({ queryKey: ['saved-filters', 'work-items'] });
  };
  const bulk = async (body: object) => {
    try {
      await api('/api/v1/work-items/bulk', { method: 'POST', body: { numbers: selected, ...body } });
      notifications.show({ color: 'green', message: t('workspace.bulkDone', { count: selected.length }) });
      setSelected([]);
      await qc.invalidateQueries({ queryKey: ['work-items'] });
      await qc.invalidateQueries({ queryKey: ['queues'] });
    } catch (e) {
      showProblem(t('common.error'), e);
    }
  };

  return (
    <Group align="flex-start" wrap="nowrap" gap="lg">
      <Paper withBorder p="xs" w={220} miw={220}>
        <Stack gap={2}>
          {queues.map((name) => (
            <NavLink
              key={name}
              active={queue === name}
              label={t(`workspace.queue.${name}`)}
              data-testid={`queue-${name}`}
              onClick={() => set('queue', name)}
              rightSection={
                name !== 'all' && counts.data ? (
                  <Badge
                    size="sm"
                    variant={queue === name ? 'filled' : 'light'}
                    data-testid={`count-${name}`}
                  >
                    {counts.data[name] ?? 0}
                  </Badge>
                ) : null
              }
            />
          ))}
          {(views.data?.items.length ?? 0) > 0 && (
            <Text size="xs" c="dimmed" fw={700} tt="uppercase" mt="sm" px="sm">
              {t('workspace.views')}
            </Text>
          )}
          {views.data?.items.map((v) => (
            <NavLink
              key={v.id}
              label={v.name}
              description={v.groupName ? t('workspace.sharedWith', { group: v.groupName }) : undefined}
              onClick={() => {
                const p = new URLSearchParams(v.query);
                setQ(p.get('q') ?? '');
                setParams(p, { replace: true });
              }}
            />
          ))}
        </Stack>
      </Paper>
      <Stack style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between">
          <Title order={2}>{t(`workspace.queue.${queue}`)}</Title>
          <Group>
            <Menu>
              <Menu.Target>
                <Button variant="default">{t('workspace.saveView')}</Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => saveView(null)}>{t('workspace.saveForMe')}</Menu.Item>
                {myGroups.map((g) => (
                  <Menu.Item key={g.id} onClick={() => saveView(g.id)}>
                    {t('workspace.saveForGroup', { group: g.name })}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Button component={Link} to="/incidents/new" data-testid="new-incident">
              {t('incidents.new')}
            </Button>
          </Group>
        </Group>
        <Group gap="sm" align="flex-end">
          <TextInput
            label={t('workspace.search')}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              set('q', e.currentTarget.value);
            }}
            w={240}
          />
          <MultiSelect
            label={t('workspace.state')}
            data={states.map((s) => ({ value: s, label: stateName(t, s) }))}
            value={params.get('state')?.split(',').filter(Boolean) ?? []}
            onChange={(v) => set('state', v)}
            clearable
            w={220}
          />
          <MultiSelect
            label={t('incidents.priority')}
            data={['1', '2', '3', '4', '5']}
            value={params.get('priority')?.split(',').filter(Boolean) ?? []}
            onChange={(v) => set('priority', v)}
            clearable
            w={160}
          />
          <Select
            label={t('incidents.group')}
            data={opts.groupOptions}
            value={params.get('group')}
            onChange={(v) => set('group', v)}
            clearable
            w={200}
          />
          <Select
            label={t('incidents.service')}
            data={opts.serviceOptions}
            value={params.get('service')}
            onChange={(v) => set('service', v)}
            clearable
            searchable
            w={200}
          />
          <Select
            label={t('incidents.customer')}
            data={opts.customerOptions}
            value={params.get('customer')}
            onChange={(v) => set('customer', v)}
            clearable
            searchable
            w={200}
          />
          <div style={{ width: 220 }}>
            <PersonPicker
              workersOnly
              label={t('incidents.assignee')}
              value={params.get('assignee')}
              onChange={(v) => set('assignee', v)}
            />
          </div>
          <Select
            label={t('workspace.sort')}
            data={sorts.map((s) => ({ value: s, label: t(`workspace.sortBy.${s}`) }))}
            value={params.get('sort')}
            placeholder={t('workspace.sortBy.default')}
            onChange={(v) => set('sort', v)}
            clearable
            w={180}
          />
        </Group>
        {selected.length > 0 && (
          <Paper withBorder p="xs" bg="indigo.0">
            <Group>
              <Text size="sm">{t('workspace.selected', { count: selected.length })}</Text>
              <Button size="xs" variant="light" onClick={() => bulk({ set: { assigneeId: me.id } })}>
                {t('workspace.assignToMe')}
              </Button>
              <Select
                size="xs"
                placeholder={t('workspace.assignToGroup')}
                data={opts.groupOptions}
                value={null}
                onChange={(g) => g && bulk({ set: { groupId: g } })}
                w={220}
              />
            </Group>
          </Paper>
        )}
        <Table striped highlightOnHover data-testid="work-item-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>
                <Checkbox
                  aria-label={t('workspace.selectAll')}
                  checked={rows.length > 0 && selected.length === rows.length}
                  onChange={(e) => setSelected(e.currentTarget.checked ? rows.map((r) => r.number) : [])}
                />
              </Table.Th>
              <Table.Th>{t('incidents.number')}</Table.Th>
              <Table.Th>{t('incidents.title')}</Table.Th>
              <Table.Th>{t('incidents.priority')}</Table.Th>
              <Table.Th>{t('workspace.state')}</Table.Th>
              <Table.Th>{t('incidents.assignedTo')}</Table.Th>
              <Table.Th>{t('clocks.title')}</Table.Th>
              <Table.Th>{t('workspace.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid={`row-${r.number}`}>
                <Table.Td>
                  <Checkbox
                    aria-label={r.number}
                    checked={selected.includes(r.number)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setSelected((s) => (on ? [...s, r.number] : s.filter((x) => x !== r.number)));
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/work-items/${r.number}`} style={{ whiteSpace: 'nowrap' }}>
                    {r.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {r.major && (
                      <Badge color="red" size="xs">
                        {t('incidents.majorShort')}
                      </Badge>
                    )}
                    <Text size="sm" lineClamp={1}>
                      {r.title}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {[r.service?.name, r.customer?.name].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.priority && <Badge color={priorityColour(r.priority)}>P{r.priority}</Badge>}
                </Table.Td>
                <Table.Td>{stateName(t, r.state)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{r.assignee?.name ?? '—'}</Text>
                  <Text size="xs" c="dimmed">
                    {r.group?.name}
                  </Text>
                </Table.Td>
                <Table.Td>{mostUrgent(r.clocks) && <ClockBadge clock={mostUrgent(r.clocks)!} />}</Table.Td>
                <Table.Td>
                  <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                    {shortDate(r.updatedAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.isSuccess && rows.length === 0 && (
          <Text c="dimmed" ta="center" py="xl" data-testid="empty-queue">
            {t('workspace.empty')}
          </Text>
        )}
        {list.hasNextPage && (
          <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </Stack>
    </Group>
  );
}
