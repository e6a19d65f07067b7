import { Modal } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { bodyOf, ChangeForm, draftOf } from '../changes/ChangeForm.tsx';
import { useRecordChange } from '../changes/data.ts';
import { type Problem, useLinkItems } from './data.ts';

/**
 * Raises the change that removes a problem's cause: a change prefilled from the problem (its title, cause,
 * service and CIs) which, once recorded, the problem is linked `resolved_by`; its page opens next.
 */
export function RaiseChangeDialog({ problem: p, onClose }: { problem: Problem; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(() => ({
    ...draftOf(),
    title: t('problems.fixTitle', { number: p.number, title: p.title }),
    reason: [t('problems.fixReason', { number: p.number }), p.cause].filter(Boolean).join('\n\n'),
    serviceId: p.serviceId,
    cis: p.cis,
  }));
  const link = useLinkItems();
  const record = useRecordChange({
    onSaved: async (made) => {
      await link.save({ from: p.number, to: made.number, kind: 'resolved_by' });
      navigate(`/work-items/${made.number}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('problems.raiseChange')} size="xl">
      <ChangeForm
        draft={draft}
        onChange={setDraft}
        errors={record.errors}
        onSubmit={() => record.save(bodyOf(draft))}
        submitLabel={t('problems.raiseChangeSave')}
      />
    </Modal>
  );
}
