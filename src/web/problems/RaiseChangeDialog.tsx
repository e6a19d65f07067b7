import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { bodyOf, ChangeForm, draftOf } from '../changes/ChangeForm.tsx';
import { useRecordChange } from '../changes/data.ts';
import { type Problem, useLinkItems } from './data.ts';

/**
 * Raises the change that removes a problem's cause: a change prefilled from the problem (its title, cause,
 * service and CIs) which, once recorded, the problem is linked `resolved_by`; its page opens next. One click
 * records one change (the button waits until the change is recorded and linked); if the link is refused, the
 * dialog says so and offers to link again rather than opening a change the problem does not know of.
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
  // the change recorded whose link to the problem failed: it is not recorded again, only linked
  const [unlinked, setUnlinked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const recording = useRef(false);
  const link = useLinkItems();
  const linkAndOpen = async (change: string) => {
    if (await link.save({ from: p.number, to: change, kind: 'resolved_by' }))
      navigate(`/work-items/${change}`);
    else setUnlinked(change);
  };
  const record = useRecordChange({ onSaved: (made) => linkAndOpen(made.number) });
  const submit = async () => {
    // saving covers the request only, not the refresh and link after it: a second click waits here
    if (recording.current) return;
    recording.current = true;
    setBusy(true);
    try {
      await record.save(bodyOf(draft));
    } finally {
      recording.current = false;
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('problems.raiseChange')} size="xl">
      {unlinked ? (
        <Stack data-testid="raise-unlinked">
          <Alert color="orange">{t('problems.raiseUnlinked', { change: unlinked, problem: p.number })}</Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(`/work-items/${unlinked}`)}>
              {t('problems.openUnlinked', { change: unlinked })}
            </Button>
            <Button
              onClick={() => linkAndOpen(unlinked)}
              loading={link.saving}
              data-testid="raise-link-again"
            >
              {t('problems.linkAgain')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <ChangeForm
          draft={draft}
          onChange={setDraft}
          errors={record.errors}
          onSubmit={submit}
          saving={busy || record.saving || link.saving}
          submitLabel={t('problems.raiseChangeSave')}
        />
      )}
    </Modal>
  );
}
