import { Anchor, Badge, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isInternal } from '../../kernel/access/roles.ts';
import { workaroundAppliers } from '../../modules/problems/policy.ts';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { can, useMe } from '../auth/session.ts';
import { ArticlesPanel, InsertArticle } from '../knowledge/IncidentArticles.tsx';
import { IncidentKnownErrors } from '../problems/KnownErrorSuggestions.tsx';
import { ClockBadge } from '../records/ClockBadge.tsx';
import { CommentBox } from '../records/CommentBox.tsx';
import { RatingPanel } from '../records/RatingPanel.tsx';
import { Timeline } from '../records/Timeline.tsx';
import { ClocksPanel } from './ClocksPanel.tsx';
import { useIncident } from './data.ts';
import { EscalationForm, type EscalationKind } from './EscalationForm.tsx';
import { IncidentActions } from './IncidentActions.tsx';
import { IncidentSidebar } from './IncidentSidebar.tsx';
import { MajorPanel } from './MajorPanel.tsx';
import { priorityColour } from './options.ts';

/** One incident: its clocks, quick actions from the lifecycle, fields, the timeline and the comment box. */
export function IncidentPage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe().data!;
  const incident = useIncident(number);
  const [escalating, setEscalating] = useState<EscalationKind | null>(null);
  const inc = incident.data;
  if (incident.isError) return <Text c="red">{(incident.error as Error).message}</Text>;
  if (!inc) return <Text c="dimmed">{t('common.loading')}</Text>;
  const staff = isInternal(me);
  const manager = can(me, ['incident_manager']);

  return (
    <Stack maw={1300}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Anchor component={Link} to={staff ? '/work-items' : '/'} size="sm">
              {t(staff ? 'nav.workspace' : 'nav.home')}
            </Anchor>
            <Text size="sm" c="dimmed">
              / {inc.number}
            </Text>
          </Group>
          <Title order={2}>{inc.title}</Title>
          <Group gap="xs">
            <Badge variant="outline" data-testid="incident-state">
              {t(`incidents.state.${inc.state}`)}
              {inc.pendingReason ? ` — ${t(`incidents.pending.${inc.pendingReason}`)}` : ''}
            </Badge>
            {inc.priority && <Badge color={priorityColour(inc.priority)}>P{inc.priority}</Badge>}
            {inc.major && <Badge color="red">{t('incidents.major')}</Badge>}
            {inc.escalationLevel > 0 && (
              <Badge color="grape">{t('incidents.escalatedLevel', { level: inc.escalationLevel })}</Badge>
            )}
            {inc.clocks
              .filter((c) => c.scope === 'sla')
              .map((c) => (
                <ClockBadge key={c.metric} clock={c} />
              ))}
          </Group>
        </Stack>
        <IncidentActions incident={inc} mayDeclareMajor={manager} onEscalate={setEscalating} />
      </Group>
      {escalating && (
        <EscalationForm number={inc.number} kind={escalating} onClose={() => setEscalating(null)} />
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Paper withBorder p="md">
              <SafeHtml html={inc.description || `<p>${t('incidents.noDescription')}</p>`} />
              {inc.resolutionCode && (
                <Text mt="sm" size="sm">
                  <b>{t(`incidents.resolution.${inc.resolutionCode}`)}</b>: {inc.resolutionText}
                </Text>
              )}
            </Paper>
            {staff && <IncidentKnownErrors incident={inc} mayApply={can(me, workaroundAppliers)} />}
            {inc.major && (
              <MajorPanel
                key={`${inc.version}-${inc.review?.version ?? 0}`}
                incident={inc}
                canPost={inc.abilities.edit}
                manager={manager}
              />
            )}
            <RatingPanel
              number={inc.number}
              canRate={inc.requesterId === me.id && (inc.state === 'resolved' || inc.state === 'closed')}
            />
            {inc.abilities.comment && (
              <CommentBox
                number={inc.number}
                canInternal={inc.abilities.commentInternal}
                tools={staff ? (insert) => <InsertArticle item={inc} insert={insert} /> : undefined}
              />
            )}
            {staff && (
              <ClocksPanel
                incident={inc}
                canExplain={inc.abilities.edit || can(me, ['service_level_manager'])}
              />
            )}
            <Timeline item={inc} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <IncidentSidebar incident={inc} staff={staff} />
            {staff && <ArticlesPanel item={inc} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
