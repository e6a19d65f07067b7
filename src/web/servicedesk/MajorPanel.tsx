import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { plainToHtml, SafeHtml } from '../app/SafeHtml.tsx';
import { showProblem } from '../app/showProblem.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import type { Incident } from './types.ts';

/** A major incident's owner, communications log (with the next update due) and post-incident review. */
export function MajorPanel({
  incident,
  worker,
  manager,
  onChange,
}: {
  incident: Incident;
  worker: boolean;
  manager: boolean;
  onChange: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState('internal');
  const [review, setReview] = useState(incident.review);
  const major = incident.major!;
  const post = async () => {
    try {
      await api(`/api/v1/incidents/${incident.number}/major/updates`, {
        method: 'POST',
        body: { audience, body: plainToHtml(body) },
      });
      setBody('');
      await onChange();
    } catch (e) {
      showProblem(t('common.error'), e);
    }
  };
  const saveReview = async (complete: boolean) => {
    if (!review) return;
    try {
      await api(`/api/v1/incidents/${incident.number}/review`, {
        method: 'PATCH',
        headers: { 'if-match': `"${incident.review!.version}"` },
        body: {
          summary: review.summary,
          rootCause: review.rootCause,
          wentWell: review.wentWell,
          improvements: review.improvements,
          complete,
        },
      });
      await onChange();
    } catch (e) {
      showProblem(t('common.error'), e);
    }
  };
  const nameOwner = async (ownerId: string) => {
    try {
      await api(`/api/v1/incidents/${incident.number}/major`, {
        method: 'PUT',
        body: { ownerId, reason: major.reason ?? '' },
      });
      await onChange();
    } catch (e) {
      showProblem(t('common.error'), e);
    }
  };
  const overdue =
    major.nextUpdateDue && new Date(major.nextUpdateDue).getTime() < Date.now() && !incident.final;
  return (
    <Paper withBorder p="md" style={{ borderColor: 'var(--mantine-color-red-4)' }}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('incidents.major')}</Title>
          <Group gap="xs">
            <Text size="sm">
              {t('incidents.majorOwner')}: {incident.names.majorOwner ?? t('incidents.ownerNeeded')}
            </Text>
            {major.nextUpdateDue && !incident.final && (
              <Badge color={overdue ? 'red' : 'gray'}>
                {t('incidents.nextUpdate')}: {new Date(major.nextUpdateDue).toLocaleTimeString()}
              </Badge>
            )}
          </Group>
        </Group>
        {major.reason && (
          <Text size="sm" c="dimmed">
            {major.reason}
          </Text>
        )}
        {major.updates.map((u) => (
          <Paper key={u.id} p="xs" bg={u.audience === 'customers' ? 'blue.0' : 'gray.0'}>
            <Text size="xs" c="dimmed">
              {new Date(u.at).toLocaleString()} · {u.author} · {t(`incidents.audience.${u.audience}`)}
            </Text>
            <SafeHtml html={u.body} />
          </Paper>
        ))}
        {manager && !incident.final && (
          <PersonPicker
            workersOnly
            label={t('incidents.majorOwner')}
            value={major.ownerId}
            onChange={(ownerId) => ownerId && nameOwner(ownerId)}
            testId="major-owner"
          />
        )}
        {worker && !incident.final && incident.state !== 'resolved' && (
          <Group align="flex-end">
            <Textarea
              label={t('incidents.postUpdate')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              style={{ flex: 1 }}
            />
            <SegmentedControl
              value={audience}
              onChange={setAudience}
              data={['internal', 'customers'].map((a) => ({ value: a, label: t(`incidents.audience.${a}`) }))}
            />
            <Button onClick={post} disabled={!body.trim()}>
              {t('incidents.post')}
            </Button>
          </Group>
        )}
        {review && (
          <Stack gap="xs">
            <Title order={5}>
              {t('incidents.review')}{' '}
              <Badge size="sm">{t(`incidents.reviewState.${incident.review!.state}`)}</Badge>
            </Title>
            {(['summary', 'rootCause', 'wentWell', 'improvements'] as const).map((f) => (
              <Textarea
                key={f}
                label={t(`incidents.reviewField.${f}`)}
                value={review[f]}
                disabled={incident.review!.state === 'completed'}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setReview((r) => (r ? { ...r, [f]: v } : r));
                }}
                autosize
              />
            ))}
            {manager && incident.review!.state !== 'completed' && (
              <Group justify="flex-end">
                <Button variant="default" onClick={() => saveReview(false)}>
                  {t('common.save')}
                </Button>
                <Button onClick={() => saveReview(true)}>{t('incidents.completeReview')}</Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
