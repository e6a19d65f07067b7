import { SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormDialog } from '../app/RegisterPage.tsx';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { type ReviewInput, usePlanReview } from './data.ts';

const blank: ReviewInput = {
  title: '',
  periodFrom: '',
  periodTo: '',
  meetingOn: '',
  location: '',
  chairId: null,
};

/** Plans a management review: the period it looks back on, the meeting day, where, and who chairs it. */
export function PlanReview({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [d, setD] = useState<ReviewInput>(blank);
  const set = (patch: Partial<ReviewInput>) => setD((x) => ({ ...x, ...patch }));
  const plan = usePlanReview({ onSaved: (r) => navigate(`/management-reviews/${r.id}`) });
  const f = (k: string) => t(`reviews.field.${k}`);
  const e = plan.errors;
  return (
    <FormDialog
      title={t('reviews.new')}
      onClose={onClose}
      onSave={() => plan.save(d)}
      saving={plan.saving}
      saveTestId="review-save"
      saveLabel={t('reviews.plan')}
    >
      <TextInput
        label={f('title')}
        required
        placeholder={t('reviews.titleExample')}
        value={d.title}
        onChange={(ev) => set({ title: ev.currentTarget.value })}
        error={e.title}
      />
      <SimpleGrid cols={2}>
        <TextInput
          type="date"
          label={f('periodFrom')}
          value={d.periodFrom}
          onChange={(ev) => set({ periodFrom: ev.currentTarget.value })}
          error={e.periodFrom}
        />
        <TextInput
          type="date"
          label={f('periodTo')}
          value={d.periodTo}
          onChange={(ev) => set({ periodTo: ev.currentTarget.value })}
          error={e.periodTo}
        />
        <TextInput
          type="date"
          label={f('meetingOn')}
          value={d.meetingOn}
          onChange={(ev) => set({ meetingOn: ev.currentTarget.value })}
          error={e.meetingOn}
        />
        <TextInput
          label={f('location')}
          value={d.location ?? ''}
          onChange={(ev) => set({ location: ev.currentTarget.value })}
          error={e.location}
        />
      </SimpleGrid>
      <PersonPicker
        label={f('chair')}
        staffOnly
        value={d.chairId ?? null}
        onChange={(v) => set({ chairId: v })}
        error={e.chairId}
      />
    </FormDialog>
  );
}
