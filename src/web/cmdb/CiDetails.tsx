import { Anchor, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AttributeDef, CiView } from './data.ts';

export const show = (v: unknown) =>
  v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** A CI's own facts: identity, owner and place, its class's attributes, and its life as an asset. */
export function CiDetails({ ci: c, defs }: { ci: CiView; defs: AttributeDef[] }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder>
        <Stack gap={4}>
          <Text size="sm">
            <b>{t('cis.externalId')}:</b> {c.externalId ?? '–'}
          </Text>
          <Text size="sm">
            <b>{t('cis.owner')}:</b> {c.ownerName ?? '–'}
          </Text>
          <Text size="sm">
            <b>{t('cis.location')}:</b>{' '}
            {c.locationId ? (
              <Anchor component={Link} to={`/cis/${c.locationId}`}>
                {c.locationName}
              </Anchor>
            ) : (
              '–'
            )}
          </Text>
          <Text size="sm">
            <b>{t('cis.description')}:</b> {c.description || '–'}
          </Text>
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={5}>{t('cis.attributes')}</Title>
        <Table>
          <Table.Tbody>
            {defs.map((d) => (
              <Table.Tr key={d.key}>
                <Table.Td c="dimmed">{d.label}</Table.Td>
                <Table.Td>
                  {typeof c.attributes[d.key] === 'boolean'
                    ? c.attributes[d.key]
                      ? t('cis.yes')
                      : t('cis.no')
                    : show(c.attributes[d.key])}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={5}>{t('cis.asset')}</Title>
        <Stack gap={4}>
          <Text size="sm">
            {t('cis.purchaseDate')}: {c.purchaseDate ?? '–'}
          </Text>
          <Text size="sm">
            {t('cis.supplier')}: {c.supplier ?? '–'}
          </Text>
          <Text size="sm">
            {t('cis.cost')}: {c.cost ?? '–'}
          </Text>
          <Text size="sm">
            {t('cis.warrantyEnd')}: {c.warrantyEnd ?? '–'}
          </Text>
          <Text size="sm">
            {t('cis.disposalDate')}: {c.disposalDate ?? '–'}
          </Text>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
