import { NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kpiKeys } from '../../modules/objectives/policy.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { useObjectives, useProcesses } from '../governance/data.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { type Improvement, type ImprovementPatch, useUpdateImprovement } from './data.ts';

type Draft = Required<
  Pick<
    ImprovementPatch,
    | 'title'
    | 'description'
    | 'processKey'
    | 'objectiveId'
    | 'ownerId'
    | 'targetDate'
    | 'kpiKey'
    | 'baseline'
    | 'target'
  >
>;

const draftOf = (i: Improvement): Draft => ({
  title: i.title,
  description: i.description,
  processKey: i.processKey,
  objectiveId: i.objectiveId,
  ownerId: i.ownerId,
  targetDate: i.targetDate,
  kpiKey: i.kpiKey,
  baseline: i.baseline,
  target: i.target,
});

const number = (v: string | number) => (typeof v === 'number' ? v : null);

/**
 * Changes an improvement: what it is, who owns it, and its plan's target date and the KPI that measures
 * the benefit (with the value before and the target). Only the fields changed are sent.
 */
export function EditImprovement({ imp, onClose }: { imp: Improvement; onClose: () => void }) {
  const { t } = useTranslation();
  const processes = useProcesses();
  const objectives = useObjectives();
  const [d, setD] = useState<Draft>(() => draftOf(imp));
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const update = useUpdateImprovement(imp.id, { onSaved: onClose });
  const before = draftOf(imp);
  const patch = Object.fromEntries(
    Object.entries(d).filter(([k, v]) => v !== before[k as keyof Draft]),
  ) as ImprovementPatch;
  const f = (k: string) => t(`improvements.field.${k}`);
  const e = update.errors;
  return (
    <FormDialog
      title={t('improvements.edit')}
      size="lg"
      onClose={onClose}
      onSave={() => update.save({ patch, version: imp.version })}
      saving={update.saving}
      saveDisabled={Object.keys(patch).length === 0}
      saveTestId="improvement-edit-save"
    >
      <TextInput
        label={f('title')}
        value={d.title}
        onChange={(ev) => set({ title: ev.currentTarget.value })}
        error={e.title}
      />
      <Textarea
        label={f('description')}
        autosize
        minRows={3}
        value={d.description}
        onChange={(ev) => set({ description: ev.currentTarget.value })}
        error={e.description}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <PersonPicker
          label={f('owner')}
          staffOnly
          value={d.ownerId}
          onChange={(v) => set({ ownerId: v })}
          error={e.ownerId}
        />
        <Select
          label={f('process')}
          clearable
          searchable
          data={(processes.data?.items ?? []).map((p) => ({ value: p.key, label: p.name }))}
          value={d.processKey}
          onChange={(v) => set({ processKey: v })}
          error={e.processKey}
        />
        <Select
          label={f('objective')}
          clearable
          searchable
          data={(objectives.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.code} ${o.title}` }))}
          value={d.objectiveId}
          onChange={(v) => set({ objectiveId: v })}
          error={e.objectiveId}
        />
        <TextInput
          type="date"
          label={f('targetDate')}
          value={d.targetDate ?? ''}
          onChange={(ev) => set({ targetDate: ev.currentTarget.value || null })}
          error={e.targetDate}
        />
        <Select
          label={f('kpi')}
          description={t('improvements.kpiHelp')}
          clearable
          searchable
          data={kpiKeys.map((k) => ({ value: k, label: t(`objectives.kpi.${k}`, { defaultValue: k }) }))}
          value={d.kpiKey}
          onChange={(v) => set({ kpiKey: v })}
          error={e.kpiKey}
        />
        <SimpleGrid cols={2}>
          <NumberInput
            label={f('baseline')}
            value={d.baseline ?? ''}
            onChange={(v) => set({ baseline: number(v) })}
            error={e.baseline}
          />
          <NumberInput
            label={f('target')}
            value={d.target ?? ''}
            onChange={(v) => set({ target: number(v) })}
            error={e.target}
          />
        </SimpleGrid>
      </SimpleGrid>
    </FormDialog>
  );
}
