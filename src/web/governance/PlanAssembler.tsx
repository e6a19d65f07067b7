import { Button, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planNoteKeys } from '../../modules/plan/policy.ts';
import { useAssemblePlan, usePlan } from './data.ts';

/** Writes the plan's draft from Keel's records plus the author's own text for the sections only they know. */
export function PlanAssembler({ policyId }: { policyId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const plan = usePlan(open);
  const assemble = useAssemblePlan(policyId, { onSaved: () => setOpen(false) });
  const [notes, setNotes] = useState<Record<string, string> | null>(null);
  const shown = notes ?? plan.data?.notes ?? {};
  return (
    <>
      <Button variant="light" onClick={() => setOpen(true)} data-testid="plan-assemble">
        {t('plan.assemble')}
      </Button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={t('plan.assemble')} size="lg">
          <Stack>
            <Text size="sm" c="dimmed">
              {t('plan.assembleHint')}
            </Text>
            {planNoteKeys.map((k) => (
              <Textarea
                key={k}
                label={t(`plan.notes.${k}`)}
                autosize
                minRows={2}
                value={shown[k] ?? ''}
                onChange={(e) => setNotes({ ...shown, [k]: e.currentTarget.value })}
                data-testid={`plan-note-${k}`}
              />
            ))}
            <Button onClick={() => assemble.save(shown)} data-testid="plan-assemble-save">
              {t('plan.assembleNow')}
            </Button>
          </Stack>
        </Modal>
      )}
    </>
  );
}
