import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { editors } from '../app/navigation.ts';
import { can, useMe } from '../auth/session.ts';
import { useClasses } from '../cmdb/classes.ts';
import { RequestItemsPanel } from '../requests/RequestItemsPanel.tsx';
import { type TechnicalView, useService, useTechnicalView } from './data.ts';
import { ServiceForm } from './ServiceForm.tsx';
import { criticalityColour, statusColour } from './ServicesPage.tsx';

type Component = TechnicalView['components'][number] & { serviceId?: string };

/** One service: its facts and catalogue entry, what can be ordered under it, and what it is built from. */
export function ServicePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const [editing, setEditing] = useState(false);
  const { nameOf } = useClasses();
  const service = useService(id);
  const view = useTechnicalView(id);
  const s = service.data?.data;
  if (!s) return null;
  const text = s.catalogue?.[i18n.language as 'en'] ?? s.catalogue?.en;
  const rows = (list: Component[], link: (c: Component) => string) =>
    list.map((c) => (
      <Table.Tr key={c.id}>
        <Table.Td>
          <Anchor component={Link} to={link(c)}>
            {c.name}
          </Anchor>
        </Table.Td>
        <Table.Td>{nameOf(c.classKey)}</Table.Td>
        <Table.Td>
          <Badge color={statusColour(c.status)} variant="light">
            {t(`status.${c.status}`)}
          </Badge>
        </Table.Td>
        <Table.Td>{c.depth}</Table.Td>
      </Table.Tr>
    ));
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Group>
          <Title order={2}>{s.name}</Title>
          <Badge color={statusColour(s.status)} variant="light">
            {t(`status.${s.status}`)}
          </Badge>
          <Badge color={criticalityColour(s.criticality)} title={t('services.criticalityHint')}>
            {t('services.criticality')} {s.criticality}
          </Badge>
        </Group>
        <Group>
          <Button variant="default" component={Link} to={`/cis/${s.ciId}`}>
            {t('services.openCi')}
          </Button>
          {can(me, editors.portfolio) && <Button onClick={() => setEditing(true)}>{t('cis.edit')}</Button>}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Stack gap={6}>
            <Text size="sm">
              <b>{t('services.kind')}:</b> {t(`services.${s.kind}`)}
            </Text>
            <Text size="sm">
              <b>{t('services.owner')}:</b> {s.ownerName ?? '–'}
            </Text>
            <Text size="sm">
              <b>{t('services.hours')}:</b> {s.hoursOfService || '–'}
            </Text>
            <Text size="sm">
              <b>{t('services.customers')}:</b> {s.customers.map((c) => c.name).join(', ') || '–'}
            </Text>
            <Text size="sm">
              <b>{t('services.requirements')}:</b> {s.requirements || '–'}
            </Text>
          </Stack>
        </Card>
        <Card withBorder>
          <Text size="sm" fw={600}>
            {t('services.published')}: {s.published ? t('common.yes') : t('common.no')}
          </Text>
          {text && (
            <>
              <Text mt="xs" fw={600}>
                {text.name}
              </Text>
              <Text size="sm">{text.description}</Text>
            </>
          )}
        </Card>
      </SimpleGrid>
      <RequestItemsPanel serviceId={s.id} canEdit={can(me, ['service_owner', 'service_level_manager'])} />
      <Title order={3}>{t('services.technicalView')}</Title>
      {view.data && view.data.components.length + view.data.supportingServices.length === 0 && (
        <Text c="dimmed">{t('services.noComponents')}</Text>
      )}
      {view.data && view.data.supportingServices.length > 0 && (
        <>
          <Title order={4}>{t('services.supporting')}</Title>
          <Table striped>
            <Table.Tbody>{rows(view.data.supportingServices, (c) => `/services/${c.serviceId}`)}</Table.Tbody>
          </Table>
        </>
      )}
      {view.data && view.data.components.length > 0 && (
        <>
          <Title order={4}>{t('services.components')}</Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cis.name')}</Table.Th>
                <Table.Th>{t('cis.class')}</Table.Th>
                <Table.Th>{t('cis.status')}</Table.Th>
                <Table.Th>{t('impact.depth')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows(view.data.components, (c) => `/cis/${c.id}`)}</Table.Tbody>
          </Table>
        </>
      )}
      {editing && <ServiceForm service={s} etag={service.data?.etag} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
