import { Anchor, Badge, Checkbox, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInstant } from '../app/dates.ts';
import { stateName } from '../i18n/state-name.ts';
import { ClockBadge } from '../records/ClockBadge.tsx';
import type { WorkItemRow } from '../records/data.ts';
import { priorityColour } from './options.ts';

/** The clock an agent should look at: the running one with least time left, else a missed or paused one. */
const mostUrgent = (clocks: WorkItemRow['clocks']) =>
  [...clocks].filter((c) => c.state === 'running').sort((a, b) => a.remainingMs - b.remainingMs)[0] ??
  clocks.find((c) => c.breached && c.state !== 'stopped') ??
  clocks.find((c) => c.state === 'paused');
const shortDate = (iso: string) => formatInstant(iso, 'short');

/** The workspace's work items, with a checkbox each for bulk changes. */
export function WorkItemTable(props: {
  rows: WorkItemRow[];
  selected: string[];
  onSelect: (update: (selected: string[]) => string[]) => void;
}) {
  const { t } = useTranslation();
  const { rows, selected } = props;
  return (
    <Table striped highlightOnHover data-testid="work-item-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={32}>
            <Checkbox
              aria-label={t('workspace.selectAll')}
              checked={rows.length > 0 && selected.length === rows.length}
              onChange={(e) => {
                const all = e.currentTarget.checked;
                props.onSelect(() => (all ? rows.map((r) => r.number) : []));
              }}
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
        {rows.map((r) => {
          const clock = mostUrgent(r.clocks);
          return (
            <Table.Tr key={r.id} data-testid={`row-${r.number}`}>
              <Table.Td>
                <Checkbox
                  aria-label={r.number}
                  checked={selected.includes(r.number)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    props.onSelect((s) => (on ? [...s, r.number] : s.filter((x) => x !== r.number)));
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
              <Table.Td>{clock && <ClockBadge clock={clock} />}</Table.Td>
              <Table.Td>
                <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                  {shortDate(r.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
