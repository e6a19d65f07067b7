import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Tabs,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomers } from '../admin/data.ts';
import { UserPicker } from '../admin/UserPicker.tsx';
import { languages } from '../i18n/index.ts';
import { type ServiceView, useSaveService } from './data.ts';

type Text = { name: string; description: string };

/** Create or edit a service, with its catalogue entry in each language. */
export function ServiceForm({
  service,
  etag,
  onClose,
  onSaved,
}: {
  service?: ServiceView;
  etag?: string | null;
  onClose: () => void;
  onSaved?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const customers = useCustomers();
  const [form, setForm] = useState({
    name: service?.name ?? '',
    kind: service?.kind ?? 'business',
    status: service?.status ?? 'pipeline',
    ownerId: service?.ownerId ?? null,
    criticality: service?.criticality ?? 3,
    requirements: service?.requirements ?? '',
    hoursOfService: service?.hoursOfService ?? '',
    customerIds: service?.customers.map((c) => c.id) ?? [],
    published: service?.published ?? false,
    description: service?.description ?? '',
  });
  const [catalogue, setCatalogue] = useState<Record<string, Text>>({
    en: service?.catalogue?.en ?? { name: '', description: '' },
    nl: service?.catalogue?.nl ?? { name: '', description: '' },
    da: service?.catalogue?.da ?? { name: '', description: '' },
  });
  const write = useSaveService({
    problemInForm: true,
    onSaved: (saved) => {
      notifications.show({ color: 'green', message: t('services.saved') });
      onClose();
      onSaved?.(saved.id);
    },
  });
  const problem = write.problem;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const texts = Object.fromEntries(Object.entries(catalogue).filter(([, v]) => v.name.trim()));
    const body = { ...form, catalogue: texts.en ? texts : null, ...(service ? { kind: undefined } : {}) };
    void write.save({ editing: service && { id: service.id, ifMatch: etag ?? '' }, body });
  };
  const f = write.errors;
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });
  return (
    <Modal opened onClose={onClose} title={service ? service.name : t('services.new')} size="xl">
      <form onSubmit={submit}>
        <Stack>
          {problem && !problem.errors.length && <Alert color="red">{problem.message}</Alert>}
          <TextInput
            label={t('services.name')}
            required
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={f.name}
          />
          <Group grow>
            {!service && (
              <Select
                label={t('services.kind')}
                data={['business', 'technical'].map((k) => ({ value: k, label: t(`services.${k}`) }))}
                value={form.kind}
                onChange={(v) => set('kind', v ?? 'business')}
                allowDeselect={false}
              />
            )}
            <Select
              label={t('services.status')}
              data={['pipeline', 'live', 'retired'].map((s) => ({ value: s, label: t(`status.${s}`) }))}
              value={form.status}
              onChange={(v) => set('status', v ?? 'pipeline')}
              error={f.status}
              allowDeselect={false}
            />
            <NumberInput
              label={t('services.criticality')}
              description={t('services.criticalityHint')}
              min={1}
              max={4}
              value={form.criticality}
              onChange={(v) => set('criticality', Number(v) || 3)}
              error={f.criticality}
            />
          </Group>
          <UserPicker
            label={t('services.owner')}
            value={form.ownerId}
            onChange={(v) => set('ownerId', v)}
            error={f.ownerId}
          />
          <MultiSelect
            label={t('services.customers')}
            data={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} – ${c.name}` }))}
            value={form.customerIds}
            onChange={(v) => set('customerIds', v)}
            error={f.customerIds}
            searchable
          />
          <Textarea
            label={t('services.description')}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Textarea
            label={t('services.requirements')}
            value={form.requirements}
            onChange={(e) => set('requirements', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <TextInput
            label={t('services.hours')}
            value={form.hoursOfService}
            onChange={(e) => set('hoursOfService', e.currentTarget.value)}
          />
          <Checkbox
            label={t('services.published')}
            checked={form.published}
            onChange={(e) => set('published', e.currentTarget.checked)}
          />
          <Tabs defaultValue="en">
            <Tabs.List>
              {languages.map((l) => (
                <Tabs.Tab key={l} value={l}>
                  {t(`language.${l}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {languages.map((l) => (
              <Tabs.Panel key={l} value={l} pt="sm">
                <Stack gap="xs">
                  <TextInput
                    label={t('services.catalogueName', { lang: t(`language.${l}`) })}
                    value={catalogue[l]!.name}
                    onChange={(e) =>
                      setCatalogue({ ...catalogue, [l]: { ...catalogue[l]!, name: e.currentTarget.value } })
                    }
                    error={f[`catalogue.${l}.name`]}
                  />
                  <Textarea
                    label={t('services.catalogueDescription', { lang: t(`language.${l}`) })}
                    value={catalogue[l]!.description}
                    onChange={(e) =>
                      setCatalogue({
                        ...catalogue,
                        [l]: { ...catalogue[l]!, description: e.currentTarget.value },
                      })
                    }
                    autosize
                    minRows={2}
                  />
                </Stack>
              </Tabs.Panel>
            ))}
          </Tabs>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t('services.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
