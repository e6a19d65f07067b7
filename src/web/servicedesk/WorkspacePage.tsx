import { Badge, Button, Group, Menu, NavLink, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { problemManagers } from '../../modules/problems/policy.ts';
import { useSavedFilters, useSaveFilter } from '../app/data.ts';
import { can, useMe } from '../auth/session.ts';
import { useBulkUpdate, useQueueCounts, useWorkItemList } from '../records/data.ts';
import { useDeskOptions } from './options.ts';
import { WorkItemTable } from './WorkItemTable.tsx';
import { WorkspaceFilters } from './WorkspaceFilters.tsx';

const queues = ['mine', 'groups', 'unassigned', 'breaching', 'major', 'open', 'all'] as const;
const filterKeys = ['state', 'priority', 'group', 'sort', 'service', 'customer', 'assignee'];

/** The agent workspace: queues with live counts, filters in the URL, saved views, bulk changes. */
export function WorkspacePage() {
  const { t } = useTranslation();
  const me = useMe().data!;
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
  for (const k of filterKeys) {
    const v = params.get(k);
    if (v) query.set(k, v);
  }
  if (debounced) query.set('q', debounced);
  const counts = useQueueCounts();
  const list = useWorkItemList(query.toString());
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const views = useSavedFilters('work-items');
  const saveFilter = useSaveFilter('work-items');
  const bulk = useBulkUpdate({
    onSaved: (_, body) => {
      notifications.show({
        color: 'green',
        message: t('workspace.bulkDone', { count: body.numbers.length }),
      });
      setSelected([]);
    },
  });
  const myGroups = opts.groups.filter((g) => g.members.some((m) => m.id === me.id));
  const saveView = (groupId: string | null) => {
    const name = window.prompt(t('workspace.viewName'));
    if (name) void saveFilter.save({ name, query: query.toString(), groupId });
  };
  const setAll = (set: object) => bulk.save({ numbers: selected, set });
  const navigate = useNavigate();
  // a problem managers' bulk action: the selected incidents become one problem's (reactive problem management)
  const incidents = rows.filter((r) => selected.includes(r.number) && r.type === 'incident');
  const problemFrom = () =>
    navigate(
      `/problems/new?${new URLSearchParams({
        incidents: incidents.map((r) => r.number).join(','),
        title: incidents[0]?.title ?? '',
      })}`,
    );

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
        <WorkspaceFilters
          q={q}
          onSearch={(v) => {
            setQ(v);
            set('q', v);
          }}
          params={params}
          set={set}
        />
        {selected.length > 0 && (
          <Paper withBorder p="xs" bg="indigo.0">
            <Group>
              <Text size="sm">{t('workspace.selected', { count: selected.length })}</Text>
              <Button size="xs" variant="light" onClick={() => setAll({ assigneeId: me.id })}>
                {t('workspace.assignToMe')}
              </Button>
              <Select
                size="xs"
                placeholder={t('workspace.assignToGroup')}
                data={opts.groupOptions}
                value={null}
                onChange={(g) => g && setAll({ groupId: g })}
                w={220}
              />
              {can(me, problemManagers) && incidents.length > 0 && (
                <Button
                  size="xs"
                  variant="light"
                  color="grape"
                  onClick={problemFrom}
                  data-testid="bulk-problem"
                >
                  {t('workspace.problemFromSelected', { count: incidents.length })}
                </Button>
              )}
            </Group>
          </Paper>
        )}
        <WorkItemTable rows={rows} selected={selected} onSelect={setSelected} />
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
