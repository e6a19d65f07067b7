import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReviewInputKey } from '../../modules/reviews/lifecycle.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay, formatInstant } from '../app/dates.ts';
import { formatValue, statusColour } from '../governance/objectives.ts';
import type { ReviewInputs } from './data.ts';
import { AgreementTable, Figure, None } from './InputParts.tsx';

/**
 * Each input of a management review (9.3) drawn from the figures the API assembled: tables and counts a
 * member of top management reads at a glance, every record linked. One renderer per input key.
 */
type Inputs = ReviewInputs['inputs'];

/** One input's figures, by its key. */
export function InputFigures({ k, inputs }: { k: ReviewInputKey; inputs: Inputs }) {
  const { t, i18n } = useTranslation();
  const c = (key: string) => t(`reviews.cols.${key}`);
  const r = (key: string, o?: Record<string, unknown>) => t(`reviews.inputs.${key}`, o);
  const day = (d: string | null) => (d ? formatDay(d, i18n.language) : '—');
  switch (k) {
    case 'previous_actions': {
      const p = inputs.previous_actions;
      return (
        <Stack gap="xs">
          <Group gap="xl">
            <Figure label={r('open')} value={p.open} />
            <Figure label={r('done')} value={p.done} colour="green" />
            <Figure label={r('overdue')} value={p.overdue} colour={p.overdue ? 'red' : undefined} />
          </Group>
          {p.actions.length === 0 ? (
            <None>{r('noPreviousActions')}</None>
          ) : (
            <Table fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c('review')}</Table.Th>
                  <Table.Th>{c('action')}</Table.Th>
                  <Table.Th>{c('responsible')}</Table.Th>
                  <Table.Th>{c('due')}</Table.Th>
                  <Table.Th>{c('state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.actions.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/management-reviews/${a.reviewId}`} size="sm">
                        {a.reviewCode}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{a.title}</Table.Td>
                    <Table.Td>{a.responsible ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{day(a.due)}</Table.Td>
                    <Table.Td>
                      <Badge
                        size="sm"
                        variant="light"
                        color={a.done ? 'green' : a.overdue ? 'red' : 'blue'}
                        styles={wholeBadge}
                      >
                        {a.done ? r('done') : a.overdue ? r('overdue') : r('open')}
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
    case 'context_changes': {
      const c = inputs.context_changes;
      if (!c.issues.length && !c.parties.length && !c.scopeVersions.length)
        return <None>{r('noContextChanges')}</None>;
      return (
        <Stack gap="xs">
          {c.issues.map((x) => (
            <Group key={x.id} gap="xs">
              <Badge size="sm" variant="outline" styles={wholeBadge}>
                {r(`change.${x.change}`)}
              </Badge>
              <Text size="sm">
                <Anchor component={Link} to="/context" size="sm">
                  {x.title}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  {t(`context.kinds.${x.kind}`, { defaultValue: x.kind })}
                  {x.climateRelated ? ` · ${t('context.climateShort')}` : ''}
                </Text>
              </Text>
            </Group>
          ))}
          {c.parties.map((x) => (
            <Group key={x.id} gap="xs">
              <Badge size="sm" variant="outline" styles={wholeBadge}>
                {r(`change.${x.change}`)}
              </Badge>
              <Text size="sm">
                {r('party')}: {x.name}
              </Text>
            </Group>
          ))}
          {c.scopeVersions.map((v) => (
            <Text key={v.number} size="sm">
              {r('scopeVersion', { number: v.number, at: formatInstant(v.createdAt, 'date') })}: {v.reason}
            </Text>
          ))}
        </Stack>
      );
    }
    case 'performance': {
      const p = inputs.performance;
      if (!p.objectives.length) return <None>{r('noObjectives')}</None>;
      return (
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{c('objective')}</Table.Th>
              <Table.Th>{c('latestTarget')}</Table.Th>
              <Table.Th>{c('trend')}</Table.Th>
              <Table.Th>{c('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.objectives.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/objectives/${o.id}`} size="sm">
                    {o.code}
                  </Anchor>{' '}
                  {o.title}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatValue(o.latest, o.unit)} / {o.direction === 'at_least' ? '≥' : '≤'}{' '}
                  {formatValue(o.target, o.unit)}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {/* the last periods' values, oldest first: the trend at a glance */}
                    {o.values
                      .slice(-6)
                      .map((v) => (v.value === null ? '·' : v.value))
                      .join(' → ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge
                    size="sm"
                    variant="light"
                    color={statusColour[o.status as keyof typeof statusColour] ?? 'gray'}
                    styles={wholeBadge}
                  >
                    {t(`objectives.status.${o.status}`, { defaultValue: o.status })}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    }
    case 'service_levels': {
      const a = inputs.service_levels.agreements;
      return a.length ? <AgreementTable rows={a} /> : <None>{r('noAgreements')}</None>;
    }
    case 'workload': {
      const w = inputs.workload;
      const kinds = ['incidents', 'requests', 'changes'] as const;
      return (
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{r('opened')}</Table.Th>
              <Table.Th ta="right">{r('closed')}</Table.Th>
              <Table.Th ta="right">{r('previousOpened')}</Table.Th>
              <Table.Th ta="right">{r('previousClosed')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kinds.map((kind) => (
              <Table.Tr key={kind}>
                <Table.Td>{r(`kinds.${kind}`)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {w[kind].opened}
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {w[kind].closed}
                </Table.Td>
                <Table.Td ta="right">{w.previous[kind].opened}</Table.Td>
                <Table.Td ta="right">{w.previous[kind].closed}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    }
    case 'customer_satisfaction': {
      const s = inputs.customer_satisfaction;
      return (
        <Stack gap="xs">
          <Group gap="xl">
            <Figure label={r('ratings')} value={s.ratings} />
            <Figure label={r('mean')} value={s.mean ?? '—'} />
            <Figure label={r('previousMean')} value={s.previous.mean ?? '—'} />
          </Group>
          {s.ratings > 0 && (
            <Text size="sm">
              {r('byScore')}: {s.byScore.map((n, i) => `${i + 1}★ ${n}`).join(' · ')}
            </Text>
          )}
          {/* the server's notes are in English: the reader's own words say the same */}
          {s.complaints.recorded ? (
            <Stack gap={4}>
              <Text size="sm">
                {r('complaints')}: {s.complaints.count}
              </Text>
              {s.complaints.items.map((c) => (
                <Group key={c.number} gap="xs">
                  <Anchor component={Link} to={`/work-items/${c.number}`} size="sm">
                    {c.number}
                  </Anchor>
                  <Text size="sm">{c.title}</Text>
                  <Badge size="sm" variant="light" color="gray">
                    {t(`nonconformities.state.${c.state}`, { defaultValue: c.state })}
                  </Badge>
                </Group>
              ))}
              <Text size="sm" c="dimmed">
                {r('complaintsNote')}
              </Text>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {r('complaints')}: {r('complaintsNotRecorded')}
            </Text>
          )}
        </Stack>
      );
    }
    case 'suppliers': {
      const s = inputs.suppliers;
      return (
        <Stack gap="xs">
          {s.underpinningContracts.length ? (
            <AgreementTable rows={s.underpinningContracts} supplier />
          ) : (
            <None>{r('noContracts')}</None>
          )}
          <Text size="sm" c="dimmed">
            {r(`supplierNotes.${s.noteKey}`)}
          </Text>
        </Stack>
      );
    }
    case 'nonconformities': {
      const n = inputs.nonconformities;
      return (
        <Stack gap="xs">
          <Group gap="xl">
            <Figure
              label={r('ncOpened', { major: n.openedBySeverity.major, minor: n.openedBySeverity.minor })}
              value={n.opened}
            />
            <Figure label={r('ncClosed')} value={n.closed} colour="green" />
            <Figure label={r('ncOpenNow')} value={n.open} />
            <Figure
              label={r('overdueActions')}
              value={n.overdueActions.length}
              colour={n.overdueActions.length ? 'red' : undefined}
            />
          </Group>
          {n.overdueActions.map((a) => (
            <Text key={`${a.number}-${a.title}`} size="sm">
              <Anchor component={Link} to={`/work-items/${a.number}`} size="sm">
                {a.number}
              </Anchor>{' '}
              {a.title} · {a.responsible ?? '—'} ·{' '}
              <Text span c="red" size="sm">
                {day(a.due)}
              </Text>
            </Text>
          ))}
        </Stack>
      );
    }
    case 'audits': {
      const a = inputs.audits;
      const kinds = ['major_nc', 'minor_nc', 'observation', 'ofi'] as const;
      return (
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            {kinds.map((kind) => (
              <Figure key={kind} label={r(`findings.${kind}`)} value={a.findingsRaised[kind]} />
            ))}
            <Figure label={r('auditsPlanned')} value={a.planned} />
          </SimpleGrid>
          {a.completed.length === 0 ? (
            <None>{r('noAudits')}</None>
          ) : (
            a.completed.map((x) => (
              <Text key={x.id} size="sm">
                {x.code} {x.title} · {formatInstant(x.completedAt, 'date')} ·{' '}
                {kinds.map((kind) => `${r(`findings.${kind}`)} ${x.findings[kind]}`).join(', ')}
              </Text>
            ))
          )}
        </Stack>
      );
    }
    case 'risks': {
      const k2 = inputs.risks;
      return (
        <Stack gap="xs">
          <Group gap="xl">
            <Figure
              label={r('aboveAcceptable')}
              value={k2.aboveAcceptable.length}
              colour={k2.aboveAcceptable.length ? 'red' : undefined}
            />
            <Figure label={r('openRisks')} value={k2.openRisks} />
            <Figure label={r('openOpportunities')} value={k2.openOpportunities} />
          </Group>
          {k2.aboveAcceptable.map((x) => (
            <Text key={x.id} size="sm">
              <Anchor component={Link} to={`/risks/${x.id}`} size="sm">
                {x.code}
              </Anchor>{' '}
              {x.title} · {r('score', { score: x.score })} ·{' '}
              {t(`risks.treatments.${x.treatment}`, { defaultValue: x.treatment })}
              {x.acceptedAt ? ` · ${r('accepted', { at: formatInstant(x.acceptedAt, 'date') })}` : ''}
            </Text>
          ))}
        </Stack>
      );
    }
    case 'resources': {
      const x = inputs.resources;
      const none = !x.vacancies.length && !x.competenceGaps.length;
      return (
        <Stack gap="xs">
          <Group gap="xl">
            <Figure
              label={r('vacancies')}
              value={x.vacancies.length}
              colour={x.vacancies.length ? 'red' : undefined}
            />
            <Figure label={r('competenceGaps')} value={x.competenceGaps.length} />
            <Figure label={r('withoutDeputy')} value={x.otherGaps.withoutDeputy} />
            <Figure label={r('appointmentsEnding')} value={x.otherGaps.appointmentsEnding} />
            <Figure label={r('processesWithoutOwner')} value={x.otherGaps.processesWithoutOwner} />
          </Group>
          {none && <None>{r('noGaps')}</None>}
          {x.vacancies.map((v) => (
            <Text key={v.roleId} size="sm">
              {r('vacancy')}:{' '}
              <Anchor component={Link} to={`/roles/${v.roleId}`} size="sm">
                {v.role}
              </Anchor>
            </Text>
          ))}
          {x.competenceGaps.map((g) => (
            <Text key={`${g.roleId}-${g.person}`} size="sm">
              {r('competenceGap')}: {g.person} ({g.role}): {g.competences.join(', ')}
            </Text>
          ))}
        </Stack>
      );
    }
    case 'improvements': {
      const x = inputs.improvements;
      return (
        <Stack gap="xs">
          <Group gap="xl">
            <Figure label={r('proposedInPeriod')} value={x.proposedInPeriod} />
            {Object.entries(x.byState).map(([s, n]) => (
              <Figure key={s} label={t(`improvements.state.${s}`, { defaultValue: s })} value={n} />
            ))}
          </Group>
          {x.realisedInPeriod.map((i) => (
            <Text key={i.id} size="sm">
              {r('realised')}:{' '}
              <Anchor component={Link} to={`/improvements/${i.id}`} size="sm">
                {i.code}
              </Anchor>{' '}
              {i.title}
            </Text>
          ))}
        </Stack>
      );
    }
  }
}
