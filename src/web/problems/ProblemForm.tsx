import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { htmlToPlain, plainToHtml } from '../app/SafeHtml.tsx';
import { CiChips, OwnershipFields } from '../records/WorkItemFields.tsx';
import type { Problem } from './data.ts';

const priorities = ['1', '2', '3', '4', '5'];

export type ProblemDraft = {
  title: string;
  description: string;
  serviceId: string | null;
  cis: Array<{ id: string; name: string }>;
  priority: string | null;
  groupId: string | null;
  assigneeId: string | null;
};

export const draftOf = (p?: Problem): ProblemDraft => ({
  title: p?.title ?? '',
  description: htmlToPlain(p?.description ?? ''),
  serviceId: p?.serviceId ?? null,
  cis: p?.cis ?? [],
  priority: p?.priority ? String(p.priority) : null,
  groupId: p?.groupId ?? null,
  assigneeId: p?.assigneeId ?? null,
});

/** The body the API takes for a draft: the description as HTML, CIs by id. */
export const bodyOf = (d: ProblemDraft) => ({
  title: d.title,
  description: d.description.trim() ? plainToHtml(d.description) : '',
  serviceId: d.serviceId,
  ciIds: d.cis.map((c) => c.id),
  priority: d.priority ? Number(d.priority) : null,
  groupId: d.groupId,
  assigneeId: d.assigneeId,
});

/** What a problem is about: its title and description, service and CIs, priority, and who owns it. */
export function ProblemForm(props: {
  draft: ProblemDraft;
  onChange: (d: ProblemDraft) => void;
  errors: Record<string, string>;
  onSubmit: () => void;
  submitLabel: string;
  saving?: boolean;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const d = props.draft;
  const set = (patch: Partial<ProblemDraft>) => props.onChange({ ...d, ...patch });
  const e = props.errors;
  return (
    <Stack>
      <TextInput
        label={t('problems.field.title')}
        required
        value={d.title}
        onChange={(x) => set({ title: x.currentTarget.value })}
        error={e.title}
        data-testid="problem-title"
      />
      <Textarea
        label={t('problems.field.description')}
        autosize
        minRows={3}
        value={d.description}
        onChange={(x) => set({ description: x.currentTarget.value })}
        error={e.description}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <OwnershipFields
          value={d}
          onChange={set}
          errors={e}
          labels={{
            service: t('problems.field.service'),
            group: t('problems.field.group'),
            assignee: t('problems.field.assignee'),
          }}
        />
        <Select
          label={t('problems.field.priority')}
          data={priorities.map((p) => ({ value: p, label: t(`problems.priority.${p}`) }))}
          value={d.priority}
          onChange={(v) => set({ priority: v })}
          clearable
          error={e.priority}
        />
      </SimpleGrid>
      <CiChips
        label={t('problems.field.cis')}
        value={d.cis}
        onChange={(cis) => set({ cis })}
        error={e.ciIds}
        removeLabel={(name) => t('problems.removeCi', { name })}
        chipTestId="problem-ci"
      />
      {props.children}
      <Group>
        <Button onClick={props.onSubmit} loading={props.saving} data-testid="problem-save">
          {props.submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
