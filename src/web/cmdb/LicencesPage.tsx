import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LicencePosition } from '../../modules/cmdb/index.ts';
import { get } from '../api.ts';

const colour = { over: 'red', under: 'yellow', balanced: 'green', not_measured: 'gray' } as const;

export function LicencesPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['licences'],
    queryFn: () => get<{ items: LicencePosition[] }>('/api/v1/licences/compliance'),
  });
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('licences.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('licences.intro')}
      </Text>
      {list.data && list.data.items.length === 0 ? (
        <Text>{t('licences.empty')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('licences.name')}</Table.Th>
              <Table.Th>{t('licences.vendor')}</Table.Th>
              <Table.Th>{t('licences.metric')}</Table.Th>
              <Table.Th>{t('licences.expires')}</Table.Th>
              <Table.Th ta="right">{t('licences.entitlements')}</Table.Th>
              <Table.Th ta="right">{t('licences.installations')}</Table.Th>
              <Table.Th ta="right">{t('licences.balance')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/cis/${l.id}`}>
                    {l.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{l.vendor ?? '–'}</Table.Td>
                <Table.Td>{l.metric ?? '–'}</Table.Td>
                <Table.Td>{l.expires ?? '–'}</Table.Td>
                <Table.Td ta="right">{l.entitlements}</Table.Td>
                <Table.Td ta="right">{l.installations}</Table.Td>
                <Table.Td ta="right">
                  {l.position === 'not_measured' ? '–' : l.balance > 0 ? `+${l.balance}` : l.balance}
                </Table.Td>
                <Table.Td>
                  <Badge
                    color={colour[l.position]}
                    variant="light"
                    styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
                  >
                    {t(`licences.${l.position}`, { metric: l.metric })}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
