import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, get } from '../api.ts';
import { problemText } from '../app/showProblem.ts';
import { useDeskOptions } from './options.ts';
import { PersonPicker } from './PersonPicker.tsx';

export type TransitionChoice = { name: string; to: string; requires: string[] };

/** Asks for what a transition needs (a group, a pending reason, a resolution, a reason) and fires it. */
export function TransitionDialog(props: {
  transition: TransitionChoice | null;
  /** The incident's service: waiting on a supplier offers those under contract for it. */
  serviceId?: string | null;
  onClose: () => void;
  onFire: (to: string, input: Record<string, string>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const opts = useDeskOptions();
  const [input, setInput] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const tr = props.transition;
  const suppliers = useQuery({
    queryKey: ['supplier-options', props.serviceId],
    queryFn: () =>
      get<{ items: Array<{ id: string; name: string; agreement: string }> }>(
        `/api/v1/incidents/supplier-options?serviceId=${props.serviceId}`,
      ),
    enabled: tr?.name === 'pend' && !!props.serviceId,
  });
  // each opening starts clean: no reason or error left over from the last one
  const [shownFor, setShownFor] = useState<TransitionChoice | null>(null);
  if (tr !== shownFor) {
    setShownFor(tr);
    setInput({});
    setErrors({});
  }
  const set = (k: string, v: string | null) => setInput((i) => ({ ...i, [k]: v ?? '' }));
  const fire = async () => {
    if (!tr) return;
    setBusy(true);
    setErrors({});
    try {
      await props.onFire(tr.to, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '')));
      setInput({});
      props.onClose();
    } catch (e) {
      // a refusal without field errors (another change came first, a role is missing) is said above the buttons
      setErrors(e instanceof ApiProblem && e.errors.length ? e.fieldErrors() : { general: problemText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={!!tr} onClose={props.onClose} title={tr ? t(`incidents.action.${tr.name}`) : ''}>
      <Stack>
        {tr?.name === 'assign' && (
          <>
            <Select
              label={t('incidents.group')}
              data={opts.groupOptions}
              value={input.groupId ?? null}
              onChange={(v) => set('groupId', v)}
              error={errors.groupId}
              clearable
            />
            <PersonPicker
              workersOnly
              label={t('incidents.assignee')}
              value={input.assigneeId ?? null}
              onChange={(v) => set('assigneeId', v)}
              error={errors.assigneeId}
            />
          </>
        )}
        {tr?.name === 'pend' && (
          <Select
            label={t('incidents.pendingReason')}
            data={opts.pendingReasons.map((r) => ({ value: r, label: t(`incidents.pending.${r}`) }))}
            value={input.pendingReason ?? null}
            onChange={(v) => set('pendingReason', v)}
            error={errors.pendingReason}
            data-testid="pending-reason"
          />
        )}
        {tr?.name === 'pend' && input.pendingReason === 'supplier' && (
          <Select
            label={t('incidents.supplier')}
            description={t('incidents.supplierHelp')}
            data={(suppliers.data?.items ?? []).map((s) => ({
              value: s.id,
              label: `${s.name} (${s.agreement})`,
            }))}
            value={input.supplierCiId ?? null}
            onChange={(v) => set('supplierCiId', v)}
            error={errors.supplierCiId}
            clearable
            data-testid="pending-supplier"
          />
        )}
        {tr?.name === 'resolve' && (
          <>
            <Select
              label={t('incidents.resolutionCode')}
              data={opts.resolutionCodes.map((r) => ({ value: r, label: t(`incidents.resolution.${r}`) }))}
              value={input.resolutionCode ?? null}
              onChange={(v) => set('resolutionCode', v)}
              error={errors.resolutionCode}
              data-testid="resolution-code"
            />
            <Textarea
              label={t('incidents.resolutionText')}
              autosize
              minRows={3}
              value={input.resolutionText ?? ''}
              onChange={(e) => set('resolutionText', e.currentTarget.value)}
              error={errors.resolutionText}
              data-testid="resolution-text"
            />
          </>
        )}
        {tr?.requires.includes('reason') && (
          <Textarea
            label={t('incidents.reason')}
            autosize
            minRows={2}
            value={input.reason ?? ''}
            onChange={(e) => set('reason', e.currentTarget.value)}
            error={errors.reason ?? errors.to}
          />
        )}
        {errors.general && (
          <Text c="red" size="sm">
            {errors.general}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={fire} loading={busy} data-testid="confirm-transition">
            {tr ? t(`incidents.action.${tr.name}`) : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
