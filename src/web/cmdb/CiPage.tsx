import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CiView, Names, RelationshipView } from '../../modules/cmdb/index.ts';
import { ApiProblem, api, get } from '../api.ts';
import { localName } from '../app/names.ts';
import { editors } from '../app/navigation.ts';
import { can, useMe } from '../auth/session.ts';
import { statusColour } from '../portfolio/ServicesPage.tsx';
import { CiForm } from './CiForm.tsx';
import { CiPicker } from './CiPicker.tsx';
import { useClasses } from './classes.ts';
import { ImpactGraph, type ImpactItem } from './ImpactGraph.tsx';

type Impact = {
  ci: { id: string; name: string; classKey: string };
  items: ImpactItem[];
  services?: Array<{ id: string; ciId: string; name: string; criticality: number }>;
  customers?: Array<{ id: string; code: string; name: string }>;
  agreements?: Array<{ id: string; kind: string; name: string; partyName: string | null }>;
};
type RelType = { key: string; forward: Names; reverse: Names };
type HistoryEntry = {
  id: number;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  actorName: string | null;
  changeRef: string | null;
  at: string;
};

const show = (v: unknown) =>
  v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v);

export function CiPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const me = useMe().data;
  const qc = useQueryClient();
  const { byKey, nameOf } = useClasses();
  const [editing, setEditing] = useState(false);
  const [direction, setDirection] = useState<'upstream' | 'downstream'>('upstream');
  const [impactView, setImpactView] = useState<'graph' | 'list'>('graph');
  const ci = useQuery({ queryKey: ['ci', id], queryFn: () => api<CiView>(`/api/v1/cis/${id}`) });
  const rels = useQuery({
    queryKey: ['ci', id, 'rels'],
    queryFn: () => get<{ items: RelationshipView[] }>(`/api/v1/cis/${id}/relationships`),
  });
  const history = useQuery({
    queryKey: ['ci', id, 'history'],
    queryFn: () => get<{ items: HistoryEntry[] }>(`/api/v1/cis/${id}/history`),
  });
  const impact = useQuery({
    queryKey: ['ci', id, 'impact', direction],
    queryFn: () => get<Impact>(`/api/v1/cis/${id}/impact?direction=${direction}`),
  });
  const types = useQuery({
    queryKey: ['ci-relationship-types'],
    queryFn: () => get<{ items: RelType[] }>('/api/v1/ci-relationship-types'),
    staleTime: 300_000,
  });
  const c = ci.data?.data;
  if (ci.error) return <Alert color="red">{(ci.error as Error).message}</Alert>;
  if (!c) return null;
  const canEdit = can(me, editors.cmdb);
  const defs = byKey.get(c.classKey)?.attributes ?? [];
  // a relationship source → target reads "source <forward> target", "target <reverse> source"; upstream, the
  // CI reached is the source, downstream the target
  const label = (key: string, forward: boolean) => {
    const type = types.data?.items.find((x) => x.key === key);
    return type ? localName(forward ? type.forward : type.reverse, i18n.language) : key;
  };
  // an edge reads left to right, from the CI reached through to the CI reached
  const edgeLabel = (key: string) => label(key, direction === 'downstream');
  // a list row reads from the CI reached
  const rowLabel = (key: string) => label(key, direction === 'upstream');

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
        </Tabs.Panel>

        <Tabs.Panel value="relationships" pt="md">
          <Stack>
            {rels.data?.items.length === 0 && <Text c="dimmed">{t('cis.noRelationships')}</Text>}
            <Table striped>
              <Table.Tbody>
                {rels.data?.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td c="dimmed">{localName(r.label, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/cis/${r.other.id}`}>
                        {r.other.name}
                      </Anchor>{' '}
                      <Text span size="xs" c="dimmed">
                        {nameOf(r.other.classKey)}
                      </Text>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={async () => {
                            await api(`/api/v1/ci-relationships/${r.id}`, { method: 'DELETE' });
                            await qc.invalidateQueries({ queryKey: ['ci', id] });
                          }}
                        >
                          {t('cis.remove')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {canEdit && <AddRelationship ciId={c.id} types={types.data?.items ?? []} />}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="impact" pt="md">
          <Stack>
            <Group justify="space-between">
              <SegmentedControl
                value={direction}
                onChange={(v) => setDirection(v as 'upstream' | 'downstream')}
                data={[
                  { value: 'upstream', label: t('impact.upstream') },
                  { value: 'downstream', label: t('impact.downstream') },
                ]}
              />
              <SegmentedControl
                value={impactView}
                onChange={(v) => setImpactView(v as 'graph' | 'list')}
                data={[
                  { value: 'graph', label: t('impact.graph') },
                  { value: 'list', label: t('impact.list') },
                ]}
              />
            </Group>
            {impact.data && (
              <>
                <Text size="sm" c="dimmed">
                  {t('impact.count', { count: impact.data.items.length })}.{' '}
                  {impactView === 'graph' ? t('impact.hint') : ''}
                </Text>
                {direction === 'upstream' && (impact.data.services?.length ?? 0) > 0 && (
                  <SimpleGrid cols={{ base: 1, md: 2 }}>
                    <Card withBorder>
                      <Title order={5}>{t('impact.affectedServices')}</Title>
                      <Group gap="xs" mt="xs">
                        {impact.data.services!.map((s) => (
                          <Badge
                            key={s.id}
                            component={Link}
                            to={`/services/${s.id}`}
                            style={{ cursor: 'pointer' }}
                            color={s.criticality <= 1 ? 'red' : 'orange'}
                            variant="light"
                          >
                            {s.name}
                          </Badge>
                        ))}
                      </Group>
                    </Card>
                    <Card withBorder>
                      <Title order={5}>{t('impact.affectedCustomers')}</Title>
                      <Text size="sm" mt="xs" data-testid="impact-customers">
                        {impact.data.customers!.map((cu) => cu.name).join(', ') || '–'}
                      </Text>
                      <Title order={5} mt="sm">
                        {t('impact.affectedAgreements')}
                      </Title>
                      <Text size="sm" mt="xs" data-testid="impact-agreements">
                        {impact.data.agreements
                          ?.map((a) => `${a.name} (${t(`agreements.kinds.${a.kind}`)})`)
                          .join(', ') || '–'}
                      </Text>
                    </Card>
                  </SimpleGrid>
                )}
                {impact.data.items.length === 0 ? (
                  <Text>{direction === 'upstream' ? t('impact.none') : t('impact.noneDown')}</Text>
                ) : impactView === 'graph' ? (
                  <ImpactGraph
                    root={impact.data.ci}
                    items={impact.data.items}
                    rootIsService={!!c.serviceId}
                    nameOf={nameOf}
                    relationLabel={edgeLabel}
                  />
                ) : (
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('impact.depth')}</Table.Th>
                        <Table.Th>{t('cis.name')}</Table.Th>
                        <Table.Th>{t('cis.class')}</Table.Th>
                        <Table.Th>{t('cis.status')}</Table.Th>
                        <Table.Th>{t('impact.via')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {impact.data.items.map((i) => (
                        <Table.Tr key={i.id}>
                          <Table.Td>{i.depth}</Table.Td>
                          <Table.Td>
                            <Anchor component={Link} to={`/cis/${i.id}`}>
                              {i.name}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{nameOf(i.classKey)}</Table.Td>
                          <Table.Td>{t(`status.${i.status}`)}</Table.Td>
                          <Table.Td>
                            {rowLabel(i.relationship)}{' '}
                            {i.via === c.id ? c.name : impact.data!.items.find((x) => x.id === i.via)?.name}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </>
            )}
          </Stack>
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

function AddRelationship({ ciId, types }: { ciId: string; types: RelType[] }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [type, setType] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState<Record<string, string>>({});
  const options = types.flatMap((x) => [
    { value: `${x.key}:out`, label: localName(x.forward, i18n.language) },
    { value: `${x.key}:in`, label: localName(x.reverse, i18n.language) },
  ]);
  const add = async () => {
    if (!type || !target) return;
    const [key, dir] = type.split(':');
    const body =
      dir === 'out'
        ? { sourceId: ciId, targetId: target, typeKey: key }
        : { sourceId: target, targetId: ciId, typeKey: key };
    try {
      await api('/api/v1/ci-relationships', { method: 'POST', body });
      setTarget(null);
      setError({});
      await qc.invalidateQueries({ queryKey: ['ci', ciId] });
    } catch (e) {
      if (e instanceof ApiProblem) setError({ ...e.fieldErrors(), general: e.message });
    }
  };
  return (
    <Card withBorder>
      <Title order={5}>{t('cis.addRelationship')}</Title>
      <Group align="flex-end" mt="xs">
        <Select
          label={t('cis.relType')}
          data={options}
          value={type}
          onChange={setType}
          w={240}
          error={error.typeKey}
        />
        <div style={{ width: 340 }}>
          <CiPicker
            label={t('cis.relTarget')}
            value={target}
            onChange={setTarget}
            error={error.targetId ?? error.sourceId}
          />
        </div>
        <Button onClick={add} disabled={!type || !target}>
          {t('cis.addRelationship')}
        </Button>
      </Group>
    </Card>
  );
}
