import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../app/dates.ts';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { stateName } from '../i18n/state-name.ts';
import { clockOwner, pauseReason } from './ClockBadge.tsx';
import { type Clock, type Comment, type FieldChange, type Mail, useTimeline } from './data.ts';

type Entry =
  | { kind: 'comment'; at: string; c: Comment }
  | { kind: 'mail'; at: string; m: Mail }
  | { kind: 'change'; at: string; h: FieldChange }
  | { kind: 'clock'; at: string; metric: string; scope: string; seq: number; event: string; reason?: string };

const keyOf = (e: Entry) =>
  e.kind === 'comment'
    ? e.c.id
    : e.kind === 'change'
      ? `h${e.h.id}`
      : e.kind === 'mail'
        ? `m${e.m.id}`
        : `${e.scope}-${e.metric}-${e.seq}`;
const mailColour: Record<string, string> = {
  failed: 'red',
  rejected: 'red',
  ignored: 'gray',
  queued: 'yellow',
};
const show = (v: unknown) =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** A field's value as a reader says it: states, a change's kind and risk by name, moments in local time. */
function fieldValue(t: TFunction, field: string, v: unknown) {
  if (v === null || v === undefined || v === '') return show(v);
  if (field === 'state') return stateName(t, String(v));
  if (field === 'kind' || field === 'risk') return t(`changes.${field}.${v}`, { defaultValue: String(v) });
  if (field === 'plannedStart' || field === 'plannedEnd') return formatInstant(String(v));
  if (field === 'rcaMethod') return t(`problems.method.${v}`, { defaultValue: String(v) });
  if (field === 'workaroundPublic') return t(v ? 'problems.workaroundPublic' : 'problems.workaroundInternal');
  return show(v);
}

/** Comments, field changes, e-mails and clock events of an item, newest first, in one stream. */
export function Timeline({ item }: { item: { number: string; version: number; clocks: Clock[] } }) {
  const { t } = useTranslation();
  const { comments, history, mails } = useTimeline(item.number, item.version);
  const entries: Entry[] = [
    ...mails.map((m) => ({ kind: 'mail' as const, at: m.at, m })),
    ...comments.map((c) => ({ kind: 'comment' as const, at: c.createdAt, c })),
    ...history.map((h) => ({ kind: 'change' as const, at: h.at, h })),
    ...item.clocks.flatMap((c) =>
      (c.events ?? []).map((e, seq) => ({
        kind: 'clock' as const,
        at: new Date(e.at).toISOString(),
        metric: c.metric,
        scope: c.scope,
        seq,
        event: e.kind,
        reason: e.reason,
      })),
    ),
  ].sort((a, b) => b.at.localeCompare(a.at));
  if (entries.length === 0) return <Text c="dimmed">{t('incidents.noActivity')}</Text>;
  return (
    <Stack gap="xs" data-testid="timeline">
      {entries.map((e) => (
        <Paper
          key={keyOf(e)}
          withBorder
          p="xs"
          bg={e.kind === 'comment' && e.c.internal ? 'yellow.0' : undefined}
          data-testid={e.kind === 'comment' ? 'timeline-comment' : undefined}
        >
          <Group justify="space-between" mb={4}>
            <Group gap={6}>
              {e.kind === 'comment' && (
                <>
                  <Text size="sm" fw={600}>
                    {e.c.authorName ?? 'Keel'}
                  </Text>
                  {e.c.internal && (
                    <Badge size="xs" color="yellow" data-testid="comment-internal">
                      {t('incidents.internal')}
                    </Badge>
                  )}
                </>
              )}
              {e.kind === 'change' && (
                <Text size="sm">
                  <b>{e.h.actorName ?? 'Keel'}</b> {t('incidents.changed')}{' '}
                  <b>
                    {t(`incidents.field.${e.h.field}`, {
                      defaultValue: t(`problems.field.${e.h.field}`, {
                        defaultValue: t(`nonconformities.field.${e.h.field}`, { defaultValue: e.h.field }),
                      }),
                    })}
                  </b>
                  : {fieldValue(t, e.h.field, e.h.oldValue)} → {fieldValue(t, e.h.field, e.h.newValue)}
                </Text>
              )}
              {e.kind === 'mail' && (
                <>
                  <Text size="sm" data-testid="timeline-mail">
                    {e.m.direction === 'out'
                      ? t('mail.sentTo', { to: e.m.to })
                      : t('mail.receivedFrom', { from: e.m.from })}
                    : <b>{e.m.subject}</b>
                  </Text>
                  <Badge size="xs" variant="light" color={mailColour[e.m.state] ?? 'blue'}>
                    {t(`mail.state.${e.m.state}`, { defaultValue: e.m.state })}
                  </Badge>
                </>
              )}
              {e.kind === 'clock' && (
                <Text size="sm" c="dimmed">
                  {clockOwner(t, e.scope)}
                  {t(`clocks.metric.${e.metric}`)}: {t(`clocks.event.${e.event}`)}
                  {e.reason ? ` (${pauseReason(t, e.reason)})` : ''}
                </Text>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {formatInstant(e.at)}
            </Text>
          </Group>
          {e.kind === 'comment' && <SafeHtml html={e.c.body} />}
          {e.kind === 'mail' && (
            <Text size="xs" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-line' }}>
              {e.m.reason ? `${e.m.reason} · ` : ''}
              {e.m.body}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
