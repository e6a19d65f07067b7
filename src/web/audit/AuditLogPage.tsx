import { Alert, Badge, Button, Group, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api.ts';
import type { AuditEntry, Page } from '../types.ts';

const PAGE = 50;
type Verification = { ok: boolean; sealed: number; unsealed: number; problem?: string };

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['audit', page],
    queryFn: () => get<Page<AuditEntry>>(`/api/v1/audit-log?limit=${PAGE}&offset=${(page - 1) * PAGE}`),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => get<Verification>('/api/v1/audit-log/verification') });
  const total = list.data?.total ?? 0;
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('audit.title')}</Title>
        <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify')}
        </Button>
      </Group>
      <Text c="dimmed" size="sm">
        {t('audit.intro')}
      </Text>
      {verify.data && (
        <Alert color={verify.data.ok ? 'green' : 'red'} data-testid="audit-verification">
          {verify.data.ok
            ? t('audit.intact', { sealed: verify.data.sealed, unsealed: verify.data.unsealed })
            : t('audit.broken', { problem: verify.data.problem })}
        </Alert>
      )}
      {list.data && total === 0 ? (
        <Text c="dimmed">{t('audit.empty')}</Text>
      ) : (
        <Table striped verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.at')}</Table.Th>
              <Table.Th>{t('audit.actor')}</Table.Th>
              <Table.Th>{t('audit.action')}</Table.Th>
              <Table.Th>{t('audit.record')}</Table.Th>
              <Table.Th>{t('audit.sealed')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{new Date(e.at).toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>{e.actorLabel}</Table.Td>
                <Table.Td ff="monospace">{e.action}</Table.Td>
                <Table.Td>
                  {e.recordType}{' '}
                  <Text span c="dimmed" size="xs" ff="monospace">
                    {e.recordId.slice(0, 13)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={e.seq ? 'green' : 'gray'}>
                    {e.seq ? `#${e.seq}` : '…'}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
    </Stack>
  );
}
