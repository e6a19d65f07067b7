import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { stateName } from '../i18n/state-name.ts';
import { useWorkItemList } from '../records/data.ts';

/** What a customer or end user has reported and requested, most recently active first. */
export function MyItems() {
  const { t, i18n } = useTranslation();
  const list = useWorkItemList('requester=me&sort=-updated', 20);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="xs">
      <Title order={4}>{t('portal.myItems')}</Title>
      {list.data && rows.length === 0 && <Text c="dimmed">{t('portal.noItems')}</Text>}
      {rows.length > 0 && (
        <Paper withBorder>
          <Table data-testid="my-items">
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td w={130}>
                    <Anchor component={Link} to={`/work-items/${r.number}`}>
                      {r.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.title}</Table.Td>
                  <Table.Td w={210}>
                    <Badge variant={r.final ? 'outline' : 'light'} color={r.final ? 'gray' : 'blue'}>
                      {stateName(t, r.state)}
                    </Badge>
                  </Table.Td>
                  <Table.Td w={190}>
                    <Text size="xs" c="dimmed">
                      {new Date(r.updatedAt).toLocaleString(i18n.language)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {list.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
