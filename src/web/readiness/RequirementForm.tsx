import { NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { type Requirement, requirementSources, useRequirementStep, useSaveRequirement } from './data.ts';

/** Adding an own requirement (a contract's, a law's) under a clause, or changing one. */
export function RequirementForm(props: {
  requirement?: Requirement;
  clauses: Array<{ value: string; label: string }>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const r = props.requirement;
  const [f, setF] = useState({
    code: r?.code ?? '',
    title: r?.title ?? '',
    description: r?.description ?? '',
    source: (r?.source ?? 'contract') as Requirement['source'],
    reference: r?.reference ?? '',
    clause: r?.clause ?? null,
    // a new requirement is its author's until they name its owner
    ownerId: r ? r.ownerId : me.id,
    evidence: r?.evidence ?? '',
    reviewMonths: r?.reviewMonths ?? 12,
  });
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = useSaveRequirement({ onSaved: props.onClose });
  const { errors } = save;
  return (
    <FormDialog
      title={r ? t('readiness.req.edit', { code: r.code }) : t('readiness.req.new')}
      size="xl"
      onClose={props.onClose}
      onSave={() => save.save({ id: r?.id, version: r?.version, body: f })}
      saving={save.saving}
      saveTestId="requirement-save"
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('readiness.req.code')}
          required
          value={f.code}
          onChange={(e) => set('code', e.currentTarget.value)}
          error={errors.code}
          data-testid="requirement-code"
        />
        <Select
          label={t('readiness.req.source')}
          data={requirementSources.map((s) => ({ value: s, label: t(`readiness.req.sources.${s}`) }))}
          value={f.source}
          onChange={(v) => v && set('source', v as Requirement['source'])}
          allowDeselect={false}
          error={errors.source}
        />
        <TextInput
          label={t('readiness.req.reference')}
          description={t('readiness.req.referenceHint')}
          value={f.reference}
          onChange={(e) => set('reference', e.currentTarget.value)}
          error={errors.reference}
        />
      </SimpleGrid>
      <TextInput
        label={t('readiness.req.title')}
        required
        value={f.title}
        onChange={(e) => set('title', e.currentTarget.value)}
        error={errors.title}
        data-testid="requirement-title"
      />
      <Textarea
        label={t('readiness.req.description')}
        autosize
        minRows={2}
        value={f.description}
        onChange={(e) => set('description', e.currentTarget.value)}
        error={errors.description}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('readiness.req.clause')}
          searchable
          clearable
          data={props.clauses}
          value={f.clause}
          onChange={(v) => set('clause', v)}
          error={errors.clause}
        />
        <PersonPicker
          label={t('readiness.req.owner')}
          value={f.ownerId}
          onChange={(v) => set('ownerId', v)}
          staffOnly
          error={errors.ownerId}
        />
        <NumberInput
          label={t('readiness.req.reviewMonths')}
          min={1}
          max={60}
          value={f.reviewMonths}
          onChange={(v) => set('reviewMonths', Number(v) || 0)}
          error={errors.reviewMonths}
        />
      </SimpleGrid>
      <Textarea
        label={t('readiness.req.evidence')}
        description={t('readiness.req.evidenceHint')}
        autosize
        minRows={2}
        value={f.evidence}
        onChange={(e) => set('evidence', e.currentTarget.value)}
        error={errors.evidence}
      />
    </FormDialog>
  );
}

/** Reviewing a requirement (it is still met as described) or retiring it (it binds no more, and why). */
export function RequirementStepDialog(props: {
  requirement: Requirement;
  step: 'review' | 'retire';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const r = props.requirement;
  const [text, setText] = useState('');
  const step = useRequirementStep({ onSaved: props.onClose });
  const save = () =>
    props.step === 'review'
      ? step.save({ step: 'review', id: r.id, version: r.version, body: { note: text } })
      : step.save({ step: 'retire', id: r.id, version: r.version, body: { reason: text } });
  return (
    <FormDialog
      title={t(`readiness.req.${props.step}Title`, { code: r.code })}
      onClose={props.onClose}
      onSave={save}
      saving={step.saving}
      saveLabel={t(`readiness.req.${props.step}`)}
      saveTestId={`requirement-${props.step}-save`}
    >
      <Textarea
        label={props.step === 'review' ? t('readiness.req.reviewNote') : t('readiness.req.retireReason')}
        required={props.step === 'retire'}
        autosize
        minRows={2}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={step.errors.note ?? step.errors.reason}
      />
    </FormDialog>
  );
}
