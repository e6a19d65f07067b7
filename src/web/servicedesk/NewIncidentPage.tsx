import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { suggestionTextMax } from '../../modules/problems/lifecycle.ts';
import { plainToHtml } from '../app/SafeHtml.tsx';
import { showProblem } from '../app/showProblem.ts';
import { suggestionText } from '../app/suggestionText.ts';
import { useMe } from '../auth/session.ts';
import { applyKnownError } from '../problems/data.ts';
import { type Applying, KnownErrorSuggestions } from '../problems/KnownErrorSuggestions.tsx';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { useAssignmentSuggestions, useRecordIncident } from './data.ts';
import { priorityColour, useDeskOptions } from './options.ts';

const levels = ['1', '2', '3'];

/** Recording an incident from the workspace: the priority follows impact × urgency as the agent chooses them. */
export function NewIncidentPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const opts = useDeskOptions();
  const [form, setForm] = useState({
    title: '',
    description: '',
    requesterId: me.id as string | null,
    customerId: null as string | null,
    serviceId: null as string | null,
    category: null as string | null,
    impact: '2',
    urgency: '2',
    groupId: null as string | null,
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const priority = opts.priorityOf(Number(form.impact), Number(form.urgency));
  const suggestions = useAssignmentSuggestions(form.serviceId, form.category);
  // a known error's workaround the agent chose while typing: applied as soon as the incident is recorded
  const [workaround, setWorkaround] = useState<Applying | null>(null);
  const record = useRecordIncident({
    onSaved: async (made) => {
      if (workaround) await applyTo(made.number, workaround);
      notifications.show({ color: 'green', message: t('incidents.recorded', { number: made.number }) });
      navigate(`/work-items/${made.number}`);
    },
  });
  const applyTo = (number: string, a: Applying) =>
    applyKnownError(number, { problem: a.knownError.number, note: a.note, resolve: a.resolve }).catch((e) =>
      showProblem(t('common.error'), e),
    );
  const { errors } = record;
  const submit = () =>
    record.save({
      title: form.title,
      description: form.description ? plainToHtml(form.description) : undefined,
      requesterId: form.requesterId ?? undefined,
      customerId: form.customerId ?? undefined,
      serviceId: form.serviceId,
      category: form.category,
      impact: Number(form.impact),
      urgency: Number(form.urgency),
      groupId: form.groupId,
    });
  return (
    <Stack maw={900}>
      <Title order={2}>{t('incidents.new')}</Title>
      <Paper withBorder p="md">
        <Stack>
          <TextInput
            label={t('incidents.title')}
            required
            value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            data-testid="incident-title"
          />
          <Textarea
            label={t('incidents.description')}
            autosize
            minRows={4}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
          />
          <KnownErrorSuggestions
            text={suggestionText([form.title, form.description], suggestionTextMax)}
            serviceId={form.serviceId}
            chosen={workaround?.knownError.number ?? null}
            applyLabel={t('knownErrors.use')}
            onChoose={setWorkaround}
          />
          {workaround && (
            <Group gap="xs" data-testid="chosen-workaround">
              <Text size="sm">
                {t(workaround.resolve ? 'knownErrors.willApplyResolve' : 'knownErrors.willApply', {
                  number: workaround.knownError.number,
                  note: t(
                    workaround.note === 'public' ? 'knownErrors.publicNote' : 'knownErrors.internalNote',
                  ),
                })}
              </Text>
              <Button size="xs" variant="subtle" onClick={() => setWorkaround(null)}>
                {t('knownErrors.dontApply')}
              </Button>
            </Group>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PersonPicker
              label={t('incidents.requester')}
              value={form.requesterId}
              onChange={(v) => set('requesterId', v)}
              error={errors.requesterId}
            />
            <Select
              label={t('incidents.customer')}
              data={opts.customerOptions}
              value={form.customerId}
              onChange={(v) => set('customerId', v)}
              clearable
              searchable
              error={errors.customerId}
            />
            <Select
              label={t('incidents.service')}
              data={opts.serviceOptions}
              value={form.serviceId}
              onChange={(v) => set('serviceId', v)}
              clearable
              searchable
              error={errors.serviceId}
              data-testid="incident-service"
            />
            <Select
              label={t('incidents.category')}
              data={opts.categoryOptions}
              value={form.category}
              onChange={(v) => set('category', v)}
              clearable
              error={errors.category}
            />
            <Select
              label={t('incidents.impact')}
              data={levels.map((l) => ({ value: l, label: t(`incidents.impactLevel.${l}`) }))}
              value={form.impact}
              onChange={(v) => v && set('impact', v)}
              allowDeselect={false}
              error={errors.impact}
            />
            <Select
              label={t('incidents.urgency')}
              data={levels.map((l) => ({ value: l, label: t(`incidents.urgencyLevel.${l}`) }))}
              value={form.urgency}
              onChange={(v) => v && set('urgency', v)}
              allowDeselect={false}
              error={errors.urgency}
            />
            <Select
              label={t('incidents.group')}
              data={opts.groupOptions}
              value={form.groupId}
              onChange={(v) => set('groupId', v)}
              clearable
              error={errors.groupId}
              description={
                suggestions.data?.items.length
                  ? t('incidents.suggested', {
                      groups: suggestions.data.items
                        .slice(0, 3)
                        .map((s) => s.name)
                        .join(', '),
                    })
                  : undefined
              }
            />
          </SimpleGrid>
          <Group justify="space-between">
            <Group gap="xs">
              {t('incidents.priority')}:
              {priority !== null && (
                <Badge color={priorityColour(priority)} data-testid="priority-preview">
                  P{priority}
                </Badge>
              )}
            </Group>
            <Group>
              <Button variant="default" onClick={() => navigate(-1)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={submit} loading={record.saving} data-testid="record-incident">
                {t('incidents.record')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
