import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
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
import { UserPicker } from '../admin/UserPicker.tsx';
import { CiPicker } from './CiPicker.tsx';
import { ciStatuses, useClasses } from './classes.ts';
import { type AttributeDef, type CiView, useSaveCi } from './data.ts';

function AttributeInput({
  def,
  value,
  onChange,
  error,
}: {
  def: AttributeDef;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
}) {
  const common = { label: def.label, required: def.required, error };
  switch (def.type) {
    case 'boolean':
      return (
        <Checkbox
          label={def.label}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          error={error}
          mt="lg"
        />
      );
    case 'number':
    case 'integer':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          allowDecimal={def.type === 'number'}
          onChange={(v) => onChange(v === '' ? null : Number(v))}
        />
      );
    case 'choice':
      return (
        <Select
          {...common}
          data={def.values ?? []}
          value={(value as string) ?? null}
          onChange={(v) => onChange(v)}
          clearable={!def.required}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
  }
}

/** Create a CI, or edit one; attribute inputs follow the class's declarations. */
export function CiForm({
  ci,
  etag,
  onClose,
  onSaved,
}: {
  ci?: CiView;
  etag?: string | null;
  onClose: () => void;
  onSaved?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { classes, byKey, nameOf } = useClasses();
  const [classKey, setClassKey] = useState<string | null>(ci?.classKey ?? null);
  const [form, setForm] = useState({
    name: ci?.name ?? '',
    externalId: ci?.externalId ?? '',
    status: ci?.status ?? 'planned',
    ownerId: ci?.ownerId ?? null,
    locationId: ci?.locationId ?? null,
    description: ci?.description ?? '',
    purchaseDate: ci?.purchaseDate ?? '',
    supplier: ci?.supplier ?? '',
    cost: ci?.cost ?? '',
    warrantyEnd: ci?.warrantyEnd ?? '',
    disposalDate: ci?.disposalDate ?? '',
  });
  const [attributes, setAttributes] = useState<Record<string, unknown>>(ci?.attributes ?? {});
  const defs = classKey ? (byKey.get(classKey)?.attributes ?? []) : [];
  // a service's CI takes these from its service; they are edited in the portfolio
  const fromService = !!ci?.serviceId;
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
  const write = useSaveCi({
    problemInForm: true,
    onSaved: (saved) => {
      notifications.show({ color: 'green', message: t('cis.saved') });
      onClose();
      onSaved?.(saved.id);
    },
    // someone changed the CI since it was read: say so and show it as it is now
    onStale: () => {
      notifications.show({ color: 'yellow', message: t('cis.stale') });
      onClose();
    },
  });
  const problem = write.problem;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { name, status, ownerId, description, ...rest } = form;
    const body = {
      ...(fromService ? rest : form),
      externalId: orNull(form.externalId),
      purchaseDate: orNull(form.purchaseDate),
      supplier: orNull(form.supplier),
      cost: orNull(form.cost),
      warrantyEnd: orNull(form.warrantyEnd),
      disposalDate: orNull(form.disposalDate),
      attributes,
    };
    void write.save({
      editing: ci && { id: ci.id, etag: etag ?? '' },
      body,
      createBody: { ...body, classKey },
    });
  };
  const f = write.errors;
  return (
    <Modal opened onClose={onClose} title={ci ? ci.name : t('cis.new')} size="xl">
      <form onSubmit={submit}>
        <Stack>
          {problem && !problem.errors.length && <Alert color="red">{problem.message}</Alert>}
          {fromService && <Alert color="blue">{t('cis.serviceFields')}</Alert>}
          <SimpleGrid cols={2}>
            <Select
              label={t('cis.class')}
              required
              disabled={!!ci}
              searchable
              data={classes.map((c) => ({ value: c.key, label: nameOf(c.key) }))}
              value={classKey}
              onChange={setClassKey}
              error={f.classKey}
            />
            <Select
              disabled={fromService}
              label={t('cis.status')}
              data={ciStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              value={form.status}
              onChange={(v) => set('status', v ?? 'planned')}
              error={f.status}
              allowDeselect={false}
            />
            <TextInput
              disabled={fromService}
              label={t('cis.name')}
              required
              value={form.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={f.name}
            />
            <TextInput
              label={t('cis.externalId')}
              value={form.externalId}
              onChange={(e) => set('externalId', e.currentTarget.value)}
              error={f.externalId}
            />
            <UserPicker
              disabled={fromService}
              label={t('cis.owner')}
              value={form.ownerId}
              onChange={(v) => set('ownerId', v)}
              error={f.ownerId}
            />
            <CiPicker
              label={t('cis.location')}
              classes={['site']}
              value={form.locationId}
              initialLabel={ci?.locationName}
              onChange={(v) => set('locationId', v)}
              error={f.locationId}
            />
          </SimpleGrid>
          <Textarea
            disabled={fromService}
            label={t('cis.description')}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {defs.length > 0 && (
            <>
              <Title order={5}>{t('cis.attributes')}</Title>
              <SimpleGrid cols={2}>
                {defs.map((d) => (
                  <AttributeInput
                    key={d.key}
                    def={d}
                    value={attributes[d.key]}
                    onChange={(v) => setAttributes({ ...attributes, [d.key]: v })}
                    error={f[`attributes.${d.key}`]}
                  />
                ))}
              </SimpleGrid>
            </>
          )}
          <Title order={5}>{t('cis.asset')}</Title>
          <SimpleGrid cols={3}>
            <TextInput
              type="date"
              label={t('cis.purchaseDate')}
              value={form.purchaseDate}
              onChange={(e) => set('purchaseDate', e.currentTarget.value)}
              error={f.purchaseDate}
            />
            <TextInput
              label={t('cis.supplier')}
              value={form.supplier}
              onChange={(e) => set('supplier', e.currentTarget.value)}
              error={f.supplier}
            />
            <TextInput
              label={t('cis.cost')}
              value={form.cost}
              onChange={(e) => set('cost', e.currentTarget.value)}
              error={f.cost}
            />
            <TextInput
              type="date"
              label={t('cis.warrantyEnd')}
              value={form.warrantyEnd}
              onChange={(e) => set('warrantyEnd', e.currentTarget.value)}
              error={f.warrantyEnd}
            />
            <TextInput
              type="date"
              label={t('cis.disposalDate')}
              value={form.disposalDate}
              onChange={(e) => set('disposalDate', e.currentTarget.value)}
              error={f.disposalDate}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{ci ? t('cis.save') : t('cis.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
