import { Select, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PersonPicker } from '../records/PersonPicker.tsx';
import type { TransitionInputs } from '../records/TransitionDialog.tsx';
import { useSupplierOptions } from './data.ts';
import { useDeskOptions } from './options.ts';

/**
 * What an incident's transitions ask for beyond a reason: a group and assignee, a pending reason (and the
 * supplier waited on, among those under contract for its service), a resolution.
 */
export function IncidentTransitionFields({
  transition: tr,
  input,
  set,
  errors,
  serviceId,
}: TransitionInputs & { serviceId: string | null }) {
  const { t } = useTranslation();
  const opts = useDeskOptions();
  const suppliers = useSupplierOptions(serviceId, tr.name === 'pend');
  return (
    <>
      {tr.name === 'assign' && (
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
      {tr.name === 'pend' && (
        <Select
          label={t('incidents.pendingReason')}
          data={opts.pendingReasons.map((r) => ({ value: r, label: t(`incidents.pending.${r}`) }))}
          value={input.pendingReason ?? null}
          onChange={(v) => set('pendingReason', v)}
          error={errors.pendingReason}
          data-testid="pending-reason"
        />
      )}
      {tr.name === 'pend' && input.pendingReason === 'supplier' && (
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
      {tr.name === 'resolve' && (
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
    </>
  );
}
