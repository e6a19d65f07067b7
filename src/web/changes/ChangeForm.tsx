import { Button, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeKinds, changeRisks } from '../../modules/changes/lifecycle.ts';
import { htmlToPlain, plainToHtml } from '../app/SafeHtml.tsx';
import { CiChips, OwnershipFields } from '../records/WorkItemFields.tsx';
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
        <OwnershipFields
          value={d}
          onChange={set}
          errors={e}
          labels={{
            service: t('changes.field.service'),
            group: t('changes.field.group'),
            assignee: t('changes.field.assignee'),
          }}
        />
      </SimpleGrid>
      <CiChips
        label={t('changes.field.cis')}
        value={d.cis}
        onChange={(cis) => set({ cis })}
        error={e.ciIds}
        removeLabel={(name) => t('changes.removeCi', { name })}
        chipTestId="change-ci"
      />
      <Group>
        <Button onClick={props.onSubmit} loading={props.saving} data-testid="change-save">
          {props.submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
