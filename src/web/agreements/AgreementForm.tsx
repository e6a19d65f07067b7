import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomers } from '../admin/data.ts';
import { CiPicker } from '../cmdb/CiPicker.tsx';
import { useServiceChoices } from '../portfolio/data.ts';
import { useGroups } from '../servicedesk/data.ts';
import { AgreementTargets, type Target } from './AgreementTargets.tsx';
import { type AgreementView, useCalendars, useSaveAgreement } from './data.ts';

const kinds = ['sla', 'ola', 'underpinning_contract'] as const;

/** An agreement: its kind and party, calendar, validity, services, targets, limits and exceptions. */
export function AgreementForm({
  agreement,
  readOnly,
  onClose,
}: {
  agreement?: AgreementView;
  readOnly: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const customers = useCustomers();
  const groups = useGroups();
  const calendars = useCalendars();
  const services = useServiceChoices();
  const [form, setForm] = useState({
    kind: agreement?.kind ?? 'sla',
    name: agreement?.name ?? '',
    customerId: agreement?.customerId ?? null,
    supplierCiId: agreement?.supplierCiId ?? null,
    internalParty: agreement?.internalParty ?? '',
    groupId: agreement?.groupId ?? null,
    calendarId: agreement?.calendarId ?? null,
    status: agreement?.status ?? 'draft',
    validFrom: agreement?.validFrom ?? '',
    validTo: agreement?.validTo ?? '',
    workloadLimits: agreement?.workloadLimits ?? '',
    exceptions: agreement?.exceptions ?? '',
    serviceIds: agreement?.services.map((s) => s.id) ?? [],
  });
  const [targets, setTargets] = useState<Target[]>(
    (agreement?.targets ?? []).map((x) => ({ ...x, uid: crypto.randomUUID() })),
  );
  const write = useSaveAgreement({
    problemInForm: true,
    onSaved: () => {
      notifications.show({ color: 'green', message: t('agreements.saved') });
      onClose();
    },
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void write.save({
      editing: agreement && { id: agreement.id, version: agreement.version },
      body: {
        ...form,
        kind: agreement ? undefined : form.kind,
        validFrom: form.validFrom || null,
        validTo: form.validTo || null,
        internalParty: form.internalParty || null,
        groupId: form.kind === 'ola' ? form.groupId : null,
        targets: targets.map(({ uid: _u, ...x }) => x),
      },
    });
  };
  const problem = write.problem;
  const f = write.errors;
  return (
    <Modal opened onClose={onClose} title={agreement?.name ?? t('agreements.new')} size="xl">
      <form onSubmit={submit}>
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack>
            {problem && !problem.errors.length && <Alert color="red">{problem.message}</Alert>}
            <SimpleGrid cols={2}>
              <Select
                label={t('agreements.kind')}
                disabled={!!agreement}
                data={kinds.map((k) => ({ value: k, label: t(`agreements.kinds.${k}`) }))}
                value={form.kind}
                onChange={(v) => set('kind', (v ?? 'sla') as typeof form.kind)}
                allowDeselect={false}
              />
              <TextInput
                label={t('agreements.name')}
                required
                value={form.name}
                onChange={(e) => set('name', e.currentTarget.value)}
                error={f.name}
              />
              {form.kind === 'sla' && (
                <Select
                  label={t('agreements.customer')}
                  data={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                  value={form.customerId}
                  onChange={(v) => set('customerId', v)}
                  error={f.customerId}
                />
              )}
              {form.kind === 'underpinning_contract' && (
                <CiPicker
                  label={t('agreements.supplier')}
                  classes={['supplier']}
                  value={form.supplierCiId}
                  initialLabel={agreement?.supplierName}
                  onChange={(v) => set('supplierCiId', v)}
                  error={f.supplierCiId}
                />
              )}
              {form.kind === 'ola' && (
                <Select
                  label={t('agreements.group')}
                  description={t('agreements.groupHelp')}
                  data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
                  value={form.groupId}
                  onChange={(v) => set('groupId', v)}
                  error={f.groupId}
                  clearable
                  searchable
                />
              )}
              {form.kind === 'ola' && (
                <TextInput
                  label={t('agreements.internalParty')}
                  value={form.internalParty}
                  onChange={(e) => set('internalParty', e.currentTarget.value)}
                  error={f.internalParty}
                />
              )}
              <Select
                label={t('agreements.calendar')}
                required
                data={(calendars.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                value={form.calendarId}
                onChange={(v) => set('calendarId', v)}
                error={f.calendarId}
              />
              <Select
                label={t('agreements.status')}
                data={(['draft', 'active', 'expired'] as const).map((s) => ({
                  value: s,
                  label: t(`agreements.statuses.${s}`),
                }))}
                value={form.status}
                onChange={(v) => set('status', (v ?? 'draft') as typeof form.status)}
                allowDeselect={false}
              />
              <Group grow>
                <TextInput
                  type="date"
                  label={t('agreements.validFrom')}
                  value={form.validFrom}
                  onChange={(e) => set('validFrom', e.currentTarget.value)}
                  error={f.validFrom}
                />
                <TextInput
                  type="date"
                  label={t('agreements.validTo')}
                  value={form.validTo}
                  onChange={(e) => set('validTo', e.currentTarget.value)}
                  error={f.validTo}
                />
              </Group>
            </SimpleGrid>
            <MultiSelect
              label={t('agreements.services')}
              data={(services.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={form.serviceIds}
              onChange={(v) => set('serviceIds', v)}
              error={f.serviceIds}
              searchable
            />
            <Title order={5}>{t('agreements.targets')}</Title>
            <AgreementTargets targets={targets} onChange={setTargets} errors={f} />
            <Textarea
              label={t('agreements.workloadLimits')}
              value={form.workloadLimits}
              onChange={(e) => set('workloadLimits', e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Textarea
              label={t('agreements.exceptions')}
              value={form.exceptions}
              onChange={(e) => set('exceptions', e.currentTarget.value)}
              autosize
              minRows={2}
            />
            {!readOnly && (
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit">{t('agreements.save')}</Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
    </Modal>
  );
}
