import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Menu,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isInternal } from '../../kernel/access/roles.ts';
import { api, get } from '../api.ts';
import { deskWorkers } from '../app/navigation.ts';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { showProblem } from '../app/showProblem.ts';
import { can, useMe } from '../auth/session.ts';
import { ClockBadge } from '../records/ClockBadge.tsx';
import { CommentBox } from '../records/CommentBox.tsx';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { RatingPanel } from '../records/RatingPanel.tsx';
import { RelatedPanel } from '../records/RelatedPanel.tsx';
import { Timeline } from '../records/Timeline.tsx';
import { type TransitionChoice, TransitionDialog } from '../records/TransitionDialog.tsx';
import { AffectedCiAdder } from './AffectedCiAdder.tsx';
import { ClocksPanel } from './ClocksPanel.tsx';
import { IncidentTransitionFields } from './IncidentTransitionFields.tsx';
import { MajorPanel } from './MajorPanel.tsx';
import { priorityColour, useDeskOptions } from './options.ts';
import type { Incident } from './types.ts';

const levels = ['1', '2', '3'];

/** One incident: its clocks, quick actions from the lifecycle, fields, the timeline and the comment box. */
export function IncidentPage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const opts = useDeskOptions();
  const worker = can(me, deskWorkers);
  const staff = isInternal(me);
  const incident = useQuery({
    queryKey: ['incident', number],
    queryFn: () => get<Incident>(`/api/v1/incidents/${number}`),
  });
  const [transition, setTransition] = useState<TransitionChoice | null>(null);
  const [escalating, setEscalating] = useState<null | 'functional' | 'hierarchical'>(null);
  const [escalation, setEscalation] = useState({ groupId: null as string | null, reason: '' });
  const inc = incident.data;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['incident', number] });
    await qc.invalidateQueries({ queryKey: ['timeline', number] });
    await qc.invalidateQueries({ queryKey: ['work-items'] });
    await qc.invalidateQueries({ queryKey: ['queues'] });
  };
  const fail = (e: unknown) => showProblem(t('common.error'), e);
  if (incident.isError) return <Text c="red">{(incident.error as Error).message}</Text>;
  if (!inc) return <Text c="dimmed">{t('common.loading')}</Text>;

  // the dialog shows a refusal beside its fields; a quick action without a dialog shows it as a notification
  const fire = async (to: string, input: Record<string, string>) => {
    await api(`/api/v1/incidents/${inc.number}/transitions`, {
      method: 'POST',
      body: { to, ...input },
      headers: { 'if-match': `"${inc.version}"` },
    });
    await refresh();
  };
  const quick = (tr: TransitionChoice) => {
    const needsInput = tr.requires.length > 0 || tr.name === 'assign';
    if (needsInput) setTransition(tr);
    else void fire(tr.to, {}).catch(fail);
  };
  const change = async (body: object) => {
    try {
      await api(`/api/v1/incidents/${inc.number}`, {
        method: 'PATCH',
        body,
        headers: { 'if-match': `"${inc.version}"` },
      });
      await refresh();
    } catch (e) {
      fail(e);
    }
  };
  const escalate = async () => {
    try {
      await api(`/api/v1/incidents/${inc.number}/escalations`, {
        method: 'POST',
        body:
          escalating === 'functional'
            ? { kind: 'functional', ...escalation }
            : { kind: 'hierarchical', reason: escalation.reason },
      });
      setEscalating(null);
      setEscalation({ groupId: null, reason: '' });
      await refresh();
    } catch (e) {
      fail(e);
    }
  };
  const editable = worker && !inc.final;
  const declareMajor = async () => {
    const reason = window.prompt(t('incidents.majorReason'));
    if (!reason) return;
    try {
      await api(`/api/v1/incidents/${inc.number}/major`, { method: 'PUT', body: { ownerId: me.id, reason } });
      await refresh();
    } catch (e) {
      fail(e);
    }
  };

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
        <Group gap="xs">
          {inc.transitions.map((tr) => (
            <Button
              key={tr.name}
              variant={tr.name === 'resolve' ? 'filled' : 'light'}
              onClick={() => quick(tr)}
              data-testid={`action-${tr.name}`}
            >
              {t(`incidents.action.${tr.name}`)}
            </Button>
          ))}
          {editable && !inc.major && can(me, ['incident_manager']) && (
            <Button variant="default" color="red" onClick={declareMajor} data-testid="declare-major">
              {t('incidents.declareMajor')}
            </Button>
          )}
          {editable && (
            <Menu>
              <Menu.Target>
                <Button variant="default">{t('incidents.escalate')}</Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setEscalating('functional')}>
                  {t('incidents.escalateFunctional')}
                </Menu.Item>
                <Menu.Item onClick={() => setEscalating('hierarchical')}>
                  {t('incidents.escalateHierarchical')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
      {escalating && (
        <Paper withBorder p="sm">
          <Group align="flex-end">
            {escalating === 'functional' && (
              <Select
                label={t('incidents.group')}
                data={opts.groupOptions}
                value={escalation.groupId}
                onChange={(v) => setEscalation((x) => ({ ...x, groupId: v }))}
                w={240}
              />
            )}
            <Textarea
              label={t('incidents.reason')}
              value={escalation.reason}
              onChange={(e) => setEscalation((x) => ({ ...x, reason: e.currentTarget.value }))}
              w={380}
              autosize
            />
            <Button onClick={escalate}>
              {t(`incidents.${escalating === 'functional' ? 'escalateFunctional' : 'escalateHierarchical'}`)}
            </Button>
            <Button variant="default" onClick={() => setEscalating(null)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Paper>
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
            {inc.major && (
              <MajorPanel
                key={`${inc.version}-${inc.review?.version ?? 0}`}
                incident={inc}
                worker={worker}
                manager={can(me, ['incident_manager'])}
                onChange={refresh}
              />
            )}
            <RatingPanel
              number={inc.number}
              canRate={inc.requesterId === me.id && (inc.state === 'resolved' || inc.state === 'closed')}
              onRated={refresh}
            />
            <CommentBox number={inc.number} staff={staff} onPosted={refresh} />
            {staff && (
              <ClocksPanel
                incident={inc}
                canExplain={editable || can(me, ['service_level_manager'])}
                onChange={refresh}
              />
            )}
            <Timeline item={inc} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Field label={t('incidents.requester')} value={inc.names.requester} />
              <Field label={t('incidents.customer')} value={inc.names.customer} />
              <Field label={t('incidents.service')} value={inc.names.service} />
              <Field label={t('incidents.agreement')} value={inc.names.agreement} />
              {inc.names.supplier && <Field label={t('incidents.supplier')} value={inc.names.supplier} />}
              {editable ? (
                <>
                  <Select
                    label={t('incidents.group')}
                    data={opts.groupOptions}
                    value={inc.groupId}
                    onChange={(v) => change({ groupId: v })}
                    clearable
                    data-testid="field-group"
                  />
                  <PersonPicker
                    workersOnly
                    label={t('incidents.assignee')}
                    value={inc.assigneeId}
                    onChange={(v) => change({ assigneeId: v })}
                  />
                  <Group grow>
                    <Select
                      label={t('incidents.impact')}
                      data={levels.map((l) => ({ value: l, label: t(`incidents.impactLevel.${l}`) }))}
                      value={String(inc.impact)}
                      onChange={(v) => v && change({ impact: Number(v) })}
                      allowDeselect={false}
                    />
                    <Select
                      label={t('incidents.urgency')}
                      data={levels.map((l) => ({ value: l, label: t(`incidents.urgencyLevel.${l}`) }))}
                      value={String(inc.urgency)}
                      onChange={(v) => v && change({ urgency: Number(v) })}
                      allowDeselect={false}
                    />
                  </Group>
                  <Select
                    label={t('incidents.category')}
                    data={opts.categoryOptions}
                    value={inc.category}
                    onChange={(v) => change({ category: v })}
                    clearable
                  />
                </>
              ) : (
                <>
                  <Field label={t('incidents.group')} value={inc.names.group} />
                  <Field label={t('incidents.assignee')} value={inc.names.assignee} />
                  <Field label={t('incidents.category')} value={opts.categoryName(inc.category)} />
                </>
              )}
              <div>
                <Text size="xs" c="dimmed">
                  {t('incidents.cis')}
                </Text>
                {inc.cis.length === 0 && <Text size="sm">—</Text>}
                {inc.cis.map((c) => (
                  <Group key={c.id} gap={6}>
                    {staff ? (
                      <Anchor component={Link} to={`/cis/${c.id}`} size="sm">
                        {c.name}
                      </Anchor>
                    ) : (
                      <Text size="sm">{c.name}</Text>
                    )}
                    <Badge size="xs" variant="light" color={c.source === 'manual' ? 'blue' : 'gray'}>
                      {t(`incidents.ciSource.${c.source}`)}
                    </Badge>
                  </Group>
                ))}
              </div>
              <RelatedPanel
                number={inc.number}
                version={inc.version}
                queryKey={['incident', inc.number]}
                editable={editable}
                canAttach={!inc.final && me.roles.some((r) => r !== 'internal_auditor')}
              >
                {editable && <AffectedCiAdder incident={inc} onChange={refresh} />}
              </RelatedPanel>
              {inc.escalations.length > 0 && (
                <div>
                  <Text size="xs" c="dimmed">
                    {t('incidents.escalations')}
                  </Text>
                  {inc.escalations.map((e) => (
                    <Text key={e.id} size="sm">
                      {e.kind === 'functional'
                        ? `→ ${e.toGroup}`
                        : t('incidents.escalatedLevel', { level: e.level })}
                      : {e.reason}
                    </Text>
                  ))}
                </div>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      <TransitionDialog
        transition={transition}
        title={(tr) => t(`incidents.action.${tr.name}`)}
        fields={(inputs) => <IncidentTransitionFields {...inputs} serviceId={inc.serviceId} />}
        onClose={() => setTransition(null)}
        onFire={fire}
      />
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </div>
  );
}
