import { Button, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planNoteKeys } from '../../modules/plan/policy.ts';
import { api, get } from '../api.ts';
import { showProblem } from '../app/showProblem.ts';

type Plan = { policyId: string | null; notes: Record<string, string>; preview: string };

/** Writes the plan's draft from Keel's records plus the author's own text for the sections only they know. */
export function PlanAssembler({ policyId }: { policyId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const plan = useQuery({ queryKey: ['plan'], queryFn: () => get<Plan>('/api/v1/plan'), enabled: open });
  const [notes, setNotes] = useState<Record<string, string> | null>(null);
  const shown = notes ?? plan.data?.notes ?? {};
  const assemble = async () => {
    try {
      await api(`/api/v1/policies/${policyId}/assemble`, { method: 'POST', body: { notes: shown } });
      await qc.invalidateQueries({ queryKey: ['policy', policyId] });
      await qc.invalidateQueries({ queryKey: ['plan'] });
      setOpen(false);
    } catch (e) {
      showProblem(t('common.error'), e);
    }
  };
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
            <Button onClick={assemble} data-testid="plan-assemble-save">
              {t('plan.assembleNow')}
            </Button>
          </Stack>
        </Modal>
      )}
    </>
  );
}
