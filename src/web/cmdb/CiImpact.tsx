import {
  Anchor,
  Badge,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localName } from '../app/names.ts';
import { type CiView, type RelationshipType, useImpact } from './data.ts';
import { ImpactGraph } from './ImpactGraph.tsx';

export type Direction = 'upstream' | 'downstream';
export type ImpactView = 'graph' | 'list';

/**
 * What fails with a CI (upstream: the services, customers and agreements it reaches) or what it stands on
 * (downstream), as a graph or a list.
 */
export function CiImpact(props: {
  ci: CiView;
  types: RelationshipType[];
  nameOf: (classKey: string) => string;
  direction: Direction;
  setDirection: (d: Direction) => void;
  impactView: ImpactView;
  setImpactView: (v: ImpactView) => void;
}) {
  const { t, i18n } = useTranslation();
  const { ci: c, nameOf, direction, setDirection, impactView, setImpactView } = props;
  const impact = useImpact(c.id, direction);
  // a relationship source → target reads "source <forward> target", "target <reverse> source"; upstream, the
  // CI reached is the source, downstream the target
  const label = (key: string, forward: boolean) => {
    const type = props.types.find((x) => x.key === key);
    return type ? localName(forward ? type.forward : type.reverse, i18n.language) : key;
  };
  // an edge reads left to right, from the CI reached through to the CI reached
  const edgeLabel = (key: string) => label(key, direction === 'downstream');
  // a list row reads from the CI reached
  const rowLabel = (key: string) => label(key, direction === 'upstream');
  return (
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
  );
}
