import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ImprovementSource, improvementSources } from '../../modules/improvements/lifecycle.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { useObjectives, useProcesses } from '../governance/data.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { type NewImprovement, useProposeImprovement } from './data.ts';

const blank: NewImprovement = {
  title: '',
  description: '',
  source: 'idea',
  sourceRef: '',
  processKey: null,
  serviceId: null,
  ownerId: null,
  objectiveId: null,
};

/** Proposes an opportunity for improvement, from wherever it came; it is evaluated and decided on its page. */
export function ProposeImprovement({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const processes = useProcesses();
  const objectives = useObjectives();
  const [d, setD] = useState<NewImprovement>(blank);
  const set = (patch: Partial<NewImprovement>) => setD((x) => ({ ...x, ...patch }));
  const propose = useProposeImprovement({ onSaved: (made) => navigate(`/improvements/${made.id}`) });
  const f = (k: string) => t(`improvements.field.${k}`);
  const e = propose.errors;
  return (
    <FormDialog
      title={t('improvements.new')}
      size="lg"
      onClose={onClose}
      onSave={() => propose.save(d)}
      saving={propose.saving}
      saveTestId="improvement-save"
      saveLabel={t('improvements.propose')}
    >
      <TextInput
        label={f('title')}
        required
        value={d.title}
        onChange={(ev) => set({ title: ev.currentTarget.value })}
        error={e.title}
        data-testid="improvement-title"
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
        <Select
          label={f('source')}
          data={improvementSources.map((s) => ({ value: s, label: t(`improvements.source.${s}`) }))}
          value={d.source}
          allowDeselect={false}
          onChange={(v) => v && set({ source: v as ImprovementSource })}
          error={e.source}
        />
        <TextInput
          label={f('sourceRef')}
          value={d.sourceRef}
          onChange={(ev) => set({ sourceRef: ev.currentTarget.value })}
          error={e.sourceRef}
        />
        <Select
          label={f('process')}
          clearable
          searchable
          data={(processes.data?.items ?? []).map((p) => ({ value: p.key, label: p.name }))}
          value={d.processKey ?? null}
          onChange={(v) => set({ processKey: v })}
          error={e.processKey}
        />
        <Select
          label={f('objective')}
          clearable
          searchable
          data={(objectives.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.code} ${o.title}` }))}
          value={d.objectiveId ?? null}
          onChange={(v) => set({ objectiveId: v })}
          error={e.objectiveId}
        />
        <PersonPicker
          label={f('owner')}
          staffOnly
          value={d.ownerId ?? null}
          onChange={(v) => set({ ownerId: v })}
          error={e.ownerId}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
