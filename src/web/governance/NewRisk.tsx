import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { useCreateRisk } from './data.ts';

const levels = ['1', '2', '3', '4', '5'];

/** Recording a risk or an opportunity: its causes, owner, scores before and after treatment, review date. */
export function NewRisk({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [f, setF] = useState({
    kind: 'risk',
    title: '',
    causes: '',
    ownerId: me.id as string | null,
    il: '3',
    ii: '3',
    rl: '2',
    ri: '2',
    treatment: 'reduce',
    reviewDue: '',
  });
  const create = useCreateRisk({ onSaved: onClose });
  const { errors } = create;
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const treatmentsFor =
    f.kind === 'risk' ? ['avoid', 'reduce', 'transfer', 'accept'] : ['exploit', 'enhance', 'share', 'accept'];
  const save = () =>
    create.save({
      kind: f.kind,
      title: f.title,
      causes: f.causes,
      ownerId: f.ownerId,
      inherentLikelihood: Number(f.il),
      inherentImpact: Number(f.ii),
      residualLikelihood: Number(f.rl),
      residualImpact: Number(f.ri),
      treatment: f.treatment,
      reviewDue: f.reviewDue,
    });
  const level = (label: string, k: 'il' | 'ii' | 'rl' | 'ri', field: string) => (
    <Select
      label={label}
      data={levels}
      value={f[k]}
      onChange={(v) => v && set(k, v)}
      allowDeselect={false}
      error={errors[field]}
    />
  );
  return (
    <FormDialog title={t('risks.new')} size="lg" onClose={onClose} onSave={save} saveTestId="risk-save">
      <SimpleGrid cols={2}>
        <Select
          label={t('risks.kind')}
          data={['risk', 'opportunity'].map((k) => ({ value: k, label: t(`risks.kinds.${k}`) }))}
          value={f.kind}
          onChange={(v) =>
            v && setF((x) => ({ ...x, kind: v, treatment: v === 'risk' ? 'reduce' : 'exploit' }))
          }
          allowDeselect={false}
        />
        <PersonPicker
          label={t('risks.owner')}
          value={f.ownerId}
          onChange={(v) => set('ownerId', v)}
          error={errors.ownerId}
        />
      </SimpleGrid>
      <TextInput
        label={t('risks.name')}
        required
        value={f.title}
        onChange={(e) => set('title', e.currentTarget.value)}
        error={errors.title}
        data-testid="risk-title"
      />
      <Textarea
        label={t('risks.causes')}
        autosize
        value={f.causes}
        onChange={(e) => set('causes', e.currentTarget.value)}
      />
      <SimpleGrid cols={4}>
        {level(t('risks.inherentLikelihood'), 'il', 'inherentLikelihood')}
        {level(t('risks.inherentImpact'), 'ii', 'inherentImpact')}
        {level(t('risks.residualLikelihood'), 'rl', 'residualLikelihood')}
        {level(t('risks.residualImpact'), 'ri', 'residualImpact')}
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Select
          label={t('risks.treatment')}
          data={treatmentsFor.map((x) => ({ value: x, label: t(`risks.treatments.${x}`) }))}
          value={f.treatment}
          onChange={(v) => v && set('treatment', v)}
          allowDeselect={false}
          error={errors.treatment}
        />
        <TextInput
          type="date"
          label={t('risks.reviewDue')}
          required
          value={f.reviewDue}
          onChange={(e) => set('reviewDue', e.currentTarget.value)}
          error={errors.reviewDue}
          data-testid="risk-review"
        />
      </SimpleGrid>
    </FormDialog>
  );
}
