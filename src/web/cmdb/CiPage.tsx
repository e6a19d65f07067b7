import { Alert, Badge, Button, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { editors } from '../app/navigation.ts';
import { can, useMe } from '../auth/session.ts';
import { statusColour } from '../portfolio/ServicesPage.tsx';
import { CiDetails, show } from './CiDetails.tsx';
import { CiForm } from './CiForm.tsx';
import { CiImpact, type Direction, type ImpactView } from './CiImpact.tsx';
import { CiRelationships } from './CiRelationships.tsx';
import { useClasses } from './classes.ts';
import { useCi, useCiHistory, useCiRelationships, useRelationshipTypes } from './data.ts';

/** One CI: its details, relationships, impact (as a graph or a list) and history. */
export function CiPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const { byKey, nameOf } = useClasses();
  const [editing, setEditing] = useState(false);
  // kept here, so they stay when another tab is looked at
  const [direction, setDirection] = useState<Direction>('upstream');
  const [impactView, setImpactView] = useState<ImpactView>('graph');
  const ci = useCi(id);
  const rels = useCiRelationships(id);
  const history = useCiHistory(id);
  const types = useRelationshipTypes();
  const c = ci.data?.data;
  if (ci.error) return <Alert color="red">{(ci.error as Error).message}</Alert>;
  if (!c) return null;
  const canEdit = can(me, editors.cmdb);
  return (
    <Stack maw={1300}>
      <Group justify="space-between">
        <Group>
          <Title order={2}>{c.name}</Title>
          <Badge variant="outline">{nameOf(c.classKey)}</Badge>
          <Badge color={statusColour(c.status)} variant="light">
            {t(`status.${c.status}`)}
          </Badge>
        </Group>
        <Group>
          {c.serviceId && (
            <Button variant="default" component={Link} to={`/services/${c.serviceId}`}>
              {t('cis.openService')}
            </Button>
          )}
          {canEdit && <Button onClick={() => setEditing(true)}>{t('cis.edit')}</Button>}
        </Group>
      </Group>
      <Tabs defaultValue="impact" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">{t('cis.details')}</Tabs.Tab>
          <Tabs.Tab value="relationships">
            {t('cis.relationships')} ({rels.data?.items.length ?? 0})
          </Tabs.Tab>
          <Tabs.Tab value="impact">{t('cis.impact')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('cis.history')}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="details" pt="md">
          <CiDetails ci={c} defs={byKey.get(c.classKey)?.attributes ?? []} />
        </Tabs.Panel>

        <Tabs.Panel value="relationships" pt="md">
          <CiRelationships
            ciId={c.id}
            rels={rels.data?.items ?? []}
            types={types.data?.items ?? []}
            canEdit={canEdit}
            nameOf={nameOf}
          />
        </Tabs.Panel>

        <Tabs.Panel value="impact" pt="md">
          <CiImpact
            ci={c}
            types={types.data?.items ?? []}
            nameOf={nameOf}
            direction={direction}
            setDirection={setDirection}
            impactView={impactView}
            setImpactView={setImpactView}
          />
        </Tabs.Panel>

        <Tabs.Panel value="history" pt="md">
          {history.data?.items.length === 0 && <Text c="dimmed">{t('cis.noHistory')}</Text>}
          <Table striped fz="sm">
            <Table.Tbody>
              {history.data?.items.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{new Date(h.at).toLocaleString(i18n.language)}</Table.Td>
                  <Table.Td>{t('cis.by', { name: h.actorName ?? t('cis.system') })}</Table.Td>
                  <Table.Td ff="monospace">{h.field}</Table.Td>
                  <Table.Td>{show(h.oldValue)}</Table.Td>
                  <Table.Td>→ {show(h.newValue)}</Table.Td>
                  <Table.Td>{h.changeRef && <Badge variant="outline">{h.changeRef}</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
      </Tabs>
      {editing && <CiForm ci={c} etag={ci.data?.etag} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
