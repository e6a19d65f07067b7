import { SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { handSources, type Severity, severities } from '../../modules/nonconformities/lifecycle.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { plainToHtml } from '../app/SafeHtml.tsx';
import { useProcesses } from '../governance/data.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { useDeskOptions } from '../servicedesk/options.ts';
import { type NewNonconformity as Draft, useRaiseNonconformity } from './data.ts';

const blank: Draft = {
  title: '',
  description: '',
  severity: 'minor',
  source: 'incident',
  sourceRef: '',
  clause: null,
  processKey: null,
  serviceId: null,
  ownerId: null,
};

/** What the reference of each source looks like, as a hint in the field. */
const refExample: Record<Draft['source'], string> = {
  incident: 'INC-000123',
  pir: 'CHG-000045',
  complaint: 'INC-000678',
  review: 'MR-2026-1',
  other: '',
};

/**
 * Records a nonconformity by hand: from an incident or its post-implementation review, a complaint, a
 * management review or elsewhere, with the record it came from. Audits raise theirs from their findings.
 */
export function NewNonconformity({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const processes = useProcesses();
  const opts = useDeskOptions();
  const [d, setD] = useState<Draft>(blank);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const raise = useRaiseNonconformity({ onSaved: (nc) => navigate(`/work-items/${nc.number}`) });
  const f = (k: string) => t(`nonconformities.field.${k}`);
  const e = raise.errors;
  return (
    <FormDialog
      title={t('nonconformities.new')}
      size="lg"
      onClose={onClose}
      onSave={() =>
        raise.save({
          ...d,
          clause: d.clause?.trim() || null,
          // a work item's description is the small HTML every work item keeps (the server sanitises it)
          description: d.description?.trim() ? plainToHtml(d.description.trim()) : '',
        })
      }
      saving={raise.saving}
      saveTestId="nc-save"
      saveLabel={t('nonconformities.raise')}
    >
      <TextInput
        label={f('title')}
        required
        value={d.title}
        onChange={(ev) => set({ title: ev.currentTarget.value })}
        error={e.title}
        data-testid="nc-title"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="nc-severity-label">
          {f('severity')}
        </Text>
        <SegmentedControl
          aria-labelledby="nc-severity-label"
          value={d.severity}
          onChange={(v) => set({ severity: v as Severity })}
          data={severities.map((s) => ({ value: s, label: t(`nonconformities.severity.${s}`) }))}
        />
        <Text size="xs" c="dimmed">
          {t(`nonconformities.severityHelp.${d.severity}`)}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={f('source')}
          data={handSources.map((s) => ({ value: s, label: t(`nonconformities.source.${s}`) }))}
          value={d.source}
          allowDeselect={false}
          onChange={(v) => v && set({ source: v as Draft['source'] })}
          error={e.source}
          data-testid="nc-source"
        />
        <TextInput
          label={f('sourceRef')}
          placeholder={refExample[d.source]}
          value={d.sourceRef}
          onChange={(ev) => set({ sourceRef: ev.currentTarget.value })}
          error={e.sourceRef}
          data-testid="nc-source-ref"
        />
        <Select
          label={f('process')}
          clearable
          searchable
          data={(processes.data?.items ?? []).map((p) => ({ value: p.key, label: p.name }))}
          value={d.processKey ?? null}
          onChange={(v) => set({ processKey: v })}
          error={e.processKey}
          description={t('nonconformities.processHelp')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <TextInput
          label={f('clause')}
          placeholder="8.5.1"
          value={d.clause ?? ''}
          onChange={(ev) => set({ clause: ev.currentTarget.value })}
          error={e.clause}
        />
        <Select
          label={f('service')}
          clearable
          searchable
          data={opts.serviceOptions}
          value={d.serviceId ?? null}
          onChange={(v) => set({ serviceId: v })}
          error={e.serviceId}
        />
        <PersonPicker
          label={f('owner')}
          staffOnly
          value={d.ownerId ?? null}
          onChange={(v) => set({ ownerId: v })}
          error={e.ownerId}
        />
      </SimpleGrid>
      <Textarea
        label={f('description')}
        autosize
        minRows={3}
        value={d.description}
        onChange={(ev) => set({ description: ev.currentTarget.value })}
        error={e.description}
      />
    </FormDialog>
  );
}
