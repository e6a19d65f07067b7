import {
  Accordion,
  Alert,
  Chip,
  Group,
  Paper,
  Progress,
  RingProgress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayDecideApplicability } from '../../modules/readiness/policy.ts';
import { formatInstant } from '../app/dates.ts';
import { useMe } from '../auth/session.ts';
import { ClauseDetail } from './ClauseDetail.tsx';
import {
  type Clause,
  type ClauseStatus,
  clauseStatuses,
  type Group as GroupView,
  type Readiness,
  useReadiness,
} from './data.ts';
import { EvidencePackButton } from './EvidencePack.tsx';
import { ReadinessTabs } from './ReadinessTabs.tsx';
import { StatusBadge, statusLook } from './StatusBadge.tsx';

/** The one figure with what it is made of: evidenced, stale (counting half), missing, not applicable. */
function Figure({ r }: { r: Readiness }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="readiness-figure">
      <Group gap="xl" wrap="nowrap">
        <RingProgress
          size={130}
          thickness={14}
          roundCaps
          label={
            <Text ta="center" fw={700} size="xl">
              {r.figure === null ? '—' : `${r.figure}%`}
            </Text>
          }
          sections={[
            { value: (r.evidenced / Math.max(r.applicable, 1)) * 100, color: 'green' },
            { value: (r.stale / Math.max(r.applicable, 1)) * 100, color: 'yellow' },
          ]}
        />
        <Stack gap={4}>
          <Title order={3}>{t('readiness.figureTitle', { figure: r.figure ?? 0 })}</Title>
          <Text size="sm" c="dimmed">
            {t('readiness.figureHint')}
          </Text>
          <Group gap="xs">
            {clauseStatuses.map((s) => (
              <Group key={s} gap={4}>
                <StatusBadge status={s} />
                <Text size="sm" data-testid={`count-${s}`}>
                  {r[s === 'not_applicable' ? 'notApplicable' : s]}
                </Text>
              </Group>
            ))}
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

/** A clause group's share evidenced, as a bar with its number in words beside it. */
function GroupBar({ g }: { g: GroupView }) {
  const { t } = useTranslation();
  const of = (n: number) => (n / Math.max(g.applicable, 1)) * 100;
  return (
    <Stack gap={2}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={500} truncate>
          {g.group} {g.title}
        </Text>
        <Text size="sm" fw={600}>
          {g.figure === null ? '—' : `${g.figure}%`}
        </Text>
      </Group>
      <Progress.Root
        size="md"
        aria-label={t('readiness.groupBar', { group: g.group, figure: g.figure ?? 0 })}
      >
        <Progress.Section value={of(g.evidenced)} color="green" />
        <Progress.Section value={of(g.stale)} color="yellow" />
        <Progress.Section value={of(g.missing)} color="red.3" />
      </Progress.Root>
    </Stack>
  );
}

/**
 * The readiness view: the readiness figure, each clause group's share, and the clause tree 4–10 with each
 * clause's status (colour, sign and word), its evidence, freshness and links into the records; filtered by
 * status and words. Those who decide it mark clauses not applicable (and back); auditors and the head of
 * service management download the evidence pack.
 */
export function ReadinessPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  // the rules ask who someone is as the server knows them: their user id and roles
  const who = { userId: me.id, roles: me.roles };
  const q = useReadiness(i18n.language);
  const [shown, setShown] = useState<ClauseStatus[]>([]);
  const [search, setSearch] = useState('');
  const r = q.data;
  const mayDecide = mayDecideApplicability(who);
  const words = search.trim().toLowerCase();
  const keep = (c: Clause) =>
    (!shown.length || shown.includes(c.status)) &&
    (!words || `${c.number} ${c.title} ${c.description}`.toLowerCase().includes(words));
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('readiness.title')}</Title>
        <EvidencePackButton />
      </Group>
      <ReadinessTabs />
      {q.isError && <Alert color="red">{(q.error as Error).message}</Alert>}
      {!r ? (
        !q.isError && <Text c="dimmed">{t('common.loading')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('readiness.intro', { at: formatInstant(r.at, 'short', i18n.language) })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Figure r={r} />
            <Paper withBorder p="md">
              <Stack gap="xs">
                {r.groups.map((g) => (
                  <GroupBar key={g.group} g={g} />
                ))}
              </Stack>
            </Paper>
          </SimpleGrid>
          <Group align="flex-end">
            <Chip.Group multiple value={shown} onChange={(v) => setShown(v as ClauseStatus[])}>
              <Group gap="xs" role="group" aria-label={t('readiness.filterStatus')}>
                {clauseStatuses.map((s) => (
                  <Chip key={s} value={s} color={statusLook[s].colour} data-testid={`filter-${s}`}>
                    {t(`readiness.status.${s}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            <TextInput
              aria-label={t('readiness.search')}
              placeholder={t('readiness.search')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              ml="auto"
            />
          </Group>
          {r.groups.map((g) => {
            const clauses = r.clauses.filter((c) => c.group === g.group && keep(c));
            if (!clauses.length) return null;
            return (
              <Stack key={g.group} gap="xs" data-testid={`group-${g.group}`}>
                <Title order={3}>
                  {g.group} {g.title}
                </Title>
                <Accordion multiple variant="separated" chevronPosition="left">
                  {clauses.map((c) => (
                    <Accordion.Item key={c.number} value={c.number} data-testid={`clause-${c.number}`}>
                      <Accordion.Control>
                        <Group justify="space-between" wrap="nowrap">
                          <Text fw={500}>
                            {c.number} {c.title}
                          </Text>
                          <StatusBadge status={c.status} />
                        </Group>
                      </Accordion.Control>
                      <Accordion.Panel>
                        <ClauseDetail clause={c} mayDecide={mayDecide} />
                      </Accordion.Panel>
                    </Accordion.Item>
                  ))}
                </Accordion>
              </Stack>
            );
          })}
          {!r.clauses.some(keep) && <Text c="dimmed">{t('readiness.noneShown')}</Text>}
        </>
      )}
    </Stack>
  );
}
