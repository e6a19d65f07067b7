import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CatalogueItemEditor, emptyItem } from './CatalogueItemEditor.tsx';
import { type CatalogueItemDef, useCatalogueItems } from './data.ts';

/** What customers can order under a service, and (for its keepers) defining and changing those items. */
export function RequestItemsPanel(props: { serviceId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<CatalogueItemDef | null>(null);
  const items = useCatalogueItems(props.serviceId);
  const list = items.data?.items ?? [];
  return (
    <Stack gap="xs" data-testid="request-items">
      <Group justify="space-between">
        <Title order={3}>{t('itemEditor.title')}</Title>
        {props.canEdit && (
          <Button
            variant="light"
            onClick={() => setEditing(emptyItem(props.serviceId))}
            data-testid="new-item"
          >
            {t('itemEditor.new')}
          </Button>
        )}
      </Group>
      {items.data && list.length === 0 && <Text c="dimmed">{t('itemEditor.none')}</Text>}
      {list.length > 0 && (
        <Table striped>
          <Table.Tbody>
            {list.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  {props.canEdit ? <Anchor onClick={() => setEditing(i)}>{i.code}</Anchor> : i.code}
                </Table.Td>
                <Table.Td>{i.texts[i18n.language as 'en']?.name ?? i.texts.en.name}</Table.Td>
                <Table.Td>{t('itemEditor.fieldCount', { count: i.form.length })}</Table.Td>
                <Table.Td>{t(`itemEditor.mode.${i.approval.mode}`)}</Table.Td>
                <Table.Td>
                  {!i.active && <Badge color="gray">{t('itemEditor.inactive')}</Badge>}
                  {i.mailAddress && <Text size="xs">{i.mailAddress}</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <CatalogueItemEditor item={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
