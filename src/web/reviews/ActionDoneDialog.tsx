import { Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../app/RegisterPage.tsx';
import { type ReviewAction, useTickReviewAction } from './data.ts';

/** Ticks a review action off with a note of what was done (kept with the action). */
export function ActionDoneDialog({ action, onClose }: { action: ReviewAction; onClose: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const tick = useTickReviewAction({ onSaved: onClose });
  return (
    <FormDialog
      title={t('reviews.doneTitle', { title: action.title })}
      onClose={onClose}
      onSave={() =>
        tick.save({ reviewId: action.reviewId, actionId: action.id, done: true, note: note.trim() })
      }
      saving={tick.saving}
      saveLabel={t('reviews.markDone')}
      saveTestId="review-action-confirm"
    >
      <Textarea
        label={t('reviews.doneNote')}
        autosize
        minRows={3}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={tick.errors.note}
        data-testid="review-action-note"
      />
    </FormDialog>
  );
}
