import {
  Button,
  CloseButton,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeKinds, changeRisks } from '../../modules/changes/lifecycle.ts';
import { htmlToPlain, plainToHtml } from '../app/SafeHtml.tsx';
import { CiPicker } from '../cmdb/CiPicker.tsx';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { useDeskOptions } from '../servicedesk/options.ts';
import type { Change } from './data.ts';
import { fromLocalInput, toLocalInput } from './format.ts';

export type ChangeDraft = {
  title: string;
  description: string;
  kind: Change['kind'];
  risk: Change['risk'];
  reason: string;
  implementationPlan: string;
  backoutPlan: string;
  plannedStart: string;
  plannedEnd: string;
  serviceId: string | null;
  groupId: string | null;
  assigneeId: string | null;
  cis: Array<{ id: string; name: string }>;
};

export const draftOf = (c?: Change): ChangeDraft => ({
  title: c?.title ?? '',
  description: htmlToPlain(c?.description ?? ''),
  kind: c?.kind ?? 'normal',
  risk: c?.risk ?? 'medium',
  reason: c?.reason ?? '',
  implementationPlan: c?.implementationPlan ?? '',
  backoutPlan: c?.backoutPlan ?? '',
  plannedStart: toLocalInput(c?.plannedStart ?? null),
  plannedEnd: toLocalInput(c?.plannedEnd ?? null),
  serviceId: c?.serviceId ?? null,
  groupId: c?.groupId ?? null,
  assigneeId: c?.assigneeId ?? null,
  cis: c?.cis ?? [],
});

/** The body the API takes for a draft: instants in UTC, CIs by id. */
export const bodyOf = (d: ChangeDraft) => ({
  title: d.title,
  description: d.description.trim() ? plainToHtml(d.description) : '',
  kind: d.kind,
  risk: d.risk,
  reason: d.reason,
  implementationPlan: d.implementationPlan,
  backoutPlan: d.backoutPlan,
  plannedStart: fromLocalInput(d.plannedStart),
  plannedEnd: fromLocalInput(d.plannedEnd),
  serviceId: d.serviceId,
  groupId: d.groupId,
  assigneeId: d.assigneeId,
  ciIds: d.cis.map((c) => c.id),
});

/** What a change says: kind and risk, why, how and how to undo it, when, on which service and CIs, by whom. */
export function ChangeForm(props: {
  draft: ChangeDraft;
  onChange: (d: ChangeDraft) => void;
  errors: Record<string, string>;
  onSubmit: () => void;
  submitLabel: string;
  /** While the change is being recorded: the button waits (and a second click records nothing). */
  saving?: boolean;
}) {
  const { t } = useTranslation();
  const opts = useDeskOptions();
  const d = props.draft;
  const set = (patch: Partial<ChangeDraft>) => props.onChange({ ...d, ...patch });
  const e = props.errors;
  return (
    <Stack>
      <TextInput
        label={t('changes.field.title')}
        required
        value={d.title}
        onChange={(x) => set({ title: x.currentTarget.value })}
        error={e.title}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('changes.field.kind')}
          required
          data={changeKinds.map((k) => ({ value: k, label: t(`changes.kind.${k}`) }))}
          value={d.kind}
          onChange={(v) => set({ kind: (v ?? 'normal') as Change['kind'] })}
          error={e.kind}
          allowDeselect={false}
        />
        <Select
          label={t('changes.field.risk')}
          required
          data={changeRisks.map((r) => ({ value: r, label: t(`changes.risk.${r}`) }))}
          value={d.risk}
          onChange={(v) => set({ risk: (v ?? 'medium') as Change['risk'] })}
          error={e.risk}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t(`changes.kindHelp.${d.kind}`)}
      </Text>
      <Textarea
        label={t('changes.field.reason')}
        autosize
        minRows={2}
        value={d.reason}
        onChange={(x) => set({ reason: x.currentTarget.value })}
        error={e.reason}
      />
      <Textarea
        label={t('changes.field.description')}
        autosize
        minRows={2}
        value={d.description}
        onChange={(x) => set({ description: x.currentTarget.value })}
        error={e.description}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Textarea
          label={t('changes.field.implementationPlan')}
          autosize
          minRows={3}
          value={d.implementationPlan}
          onChange={(x) => set({ implementationPlan: x.currentTarget.value })}
          error={e.implementationPlan}
        />
        <Textarea
          label={t('changes.field.backoutPlan')}
          autosize
          minRows={3}
          value={d.backoutPlan}
          onChange={(x) => set({ backoutPlan: x.currentTarget.value })}
          error={e.backoutPlan}
        />
        <TextInput
          type="datetime-local"
          label={t('changes.field.plannedStart')}
          value={d.plannedStart}
          onChange={(x) => set({ plannedStart: x.currentTarget.value })}
          error={e.plannedStart}
        />
        <TextInput
          type="datetime-local"
          label={t('changes.field.plannedEnd')}
          value={d.plannedEnd}
          onChange={(x) => set({ plannedEnd: x.currentTarget.value })}
          error={e.plannedEnd}
        />
        <Select
          label={t('changes.field.service')}
          searchable
          clearable
          data={opts.serviceOptions}
          value={d.serviceId}
          onChange={(v) => set({ serviceId: v })}
          error={e.serviceId}
        />
        <Select
          label={t('changes.field.group')}
          searchable
          clearable
          data={opts.groupOptions}
          value={d.groupId}
          onChange={(v) => set({ groupId: v })}
          error={e.groupId}
        />
        <PersonPicker
          label={t('changes.field.assignee')}
          staffOnly
          value={d.assigneeId}
          onChange={(v) => set({ assigneeId: v })}
          error={e.assigneeId}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <CiPicker
          label={t('changes.field.cis')}
          value={null}
          onChange={(id, label) => {
            if (id && !d.cis.some((c) => c.id === id)) set({ cis: [...d.cis, { id, name: label ?? id }] });
          }}
          error={e.ciIds}
        />
        <Group gap="xs">
          {d.cis.map((c) => (
            <Group key={c.id} gap={2} data-testid="change-ci">
              <Text size="sm">{c.name}</Text>
              <CloseButton
                size="sm"
                aria-label={t('changes.removeCi', { name: c.name })}
                onClick={() => set({ cis: d.cis.filter((x) => x.id !== c.id) })}
              />
            </Group>
          ))}
        </Group>
      </Stack>
      <Group>
        <Button onClick={props.onSubmit} loading={props.saving} data-testid="change-save">
          {props.submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
