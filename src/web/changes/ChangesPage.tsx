import {
  Anchor,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { changeKinds } from '../../modules/changes/lifecycle.ts';
import { changeRecorders } from '../../modules/changes/policy.ts';
import { can, useMe } from '../auth/session.ts';
import { stateName } from '../i18n/state-name.ts';
import { useChanges } from './data.ts';
import { moment, outcomeColour, riskColour } from './format.ts';

/** The change log: open changes (or all), newest first, with their window, risk and outcome. */
export function ChangesPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [open, setOpen] = useState<'open' | 'all'>('open');
  const [kind, setKind] = useState<string | null>(null);
  const list = useChanges({ open: open === 'open', kind });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const mayRecord = can(me, changeRecorders);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('changes.title')}</Title>
        {mayRecord && (
          <Button component={Link} to="/changes/new" data-testid="new-change">
            {t('changes.new')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('changes.intro')}
      </Text>
      <Group>
        <SegmentedControl
          value={open}
          onChange={(v) => setOpen(v as 'open' | 'all')}
          data={[
            { value: 'open', label: t('changes.filter.open') },
            { value: 'all', label: t('changes.filter.all') },
          ]}
        />
        <Select
          placeholder={t('changes.field.kind')}
          clearable
          data={changeKinds.map((k) => ({ value: k, label: t(`changes.kind.${k}`) }))}
          value={kind}
          onChange={setKind}
          w={200}
        />
      </Group>
      {list.isError && <Text c="red">{(list.error as Error).message}</Text>}
      {list.isSuccess && rows.length === 0 && (
        <Text c="dimmed" data-testid="changes-empty">
          {t('changes.empty')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table striped highlightOnHover data-testid="changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('changes.field.number')}</Table.Th>
              <Table.Th>{t('changes.field.title')}</Table.Th>
              <Table.Th>{t('changes.field.kind')}</Table.Th>
              <Table.Th>{t('changes.field.risk')}</Table.Th>
              <Table.Th>{t('changes.field.state')}</Table.Th>
              <Table.Th>{t('changes.field.plannedStart')}</Table.Th>
              <Table.Th>{t('changes.field.service')}</Table.Th>
              <Table.Th>{t('changes.field.assignee')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/work-items/${c.number}`}>
                    {c.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.title}</Table.Td>
                <Table.Td>{t(`changes.kind.${c.kind}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge variant="light" color={riskColour[c.risk]}>
                    {t(`changes.risk.${c.risk}`)}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={4} wrap="nowrap">
                    <Badge variant="outline">{stateName(t, c.state)}</Badge>
                    {c.outcome && (
                      <Badge variant="light" color={outcomeColour[c.outcome]}>
                        {t(`changes.outcome.${c.outcome}`)}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{moment(c.plannedStart)}</Table.Td>
                <Table.Td>{c.serviceName ?? '—'}</Table.Td>
                <Table.Td>{c.assigneeName ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('changes.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
