import {
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  MultiSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskOptions } from '../servicedesk/options.ts';
import { keyed, languages, shownPaths, unkeyed } from './catalogueItem.ts';
import { type CatalogueItemDef, useSaveCatalogueItem } from './data.ts';
import { ItemApprovalEditor } from './ItemApprovalEditor.tsx';
import { ItemFormEditor } from './ItemFormEditor.tsx';
import { ItemTasksEditor } from './ItemTasksEditor.tsx';

export { emptyItem } from './catalogueItem.ts';

/** The part of an item a section edits, and how it says what the API refused. */
export type SectionProps = {
  item: CatalogueItemDef;
  set: (patch: Partial<CatalogueItemDef>) => void;
  errors: Record<string, string>;
};

/** Defining what can be ordered: texts in three languages, the form, approvals, tasks and who may order. */
export function CatalogueItemEditor(props: { item: CatalogueItemDef; onClose: () => void }) {
  const { t } = useTranslation();
  const opts = useDeskOptions();
  const [d, setD] = useState<CatalogueItemDef>(() => ({
    ...props.item,
    form: props.item.form.map(keyed),
    tasks: props.item.tasks.map(keyed),
    approval: { ...props.item.approval, approvers: props.item.approval.approvers.map(keyed) },
  }));
  const write = useSaveCatalogueItem({ onSaved: props.onClose });
  const { errors } = write;
  const set = (patch: Partial<CatalogueItemDef>) => setD((x) => ({ ...x, ...patch }));
  const setText = (lang: (typeof languages)[number], patch: { name?: string; description?: string }) =>
    set({ texts: { ...d.texts, [lang]: { ...(d.texts[lang] ?? { name: '', description: '' }), ...patch } } });
  const save = () => {
    const texts = Object.fromEntries(
      Object.entries(d.texts).filter(([lang, v]) => lang === 'en' || v?.name.trim()),
    );
    return write.save({
      id: d.id,
      version: d.version,
      serviceId: d.serviceId,
      body: {
        code: d.code,
        texts,
        form: unkeyed(d.form),
        approval: { ...d.approval, approvers: unkeyed(d.approval.approvers) },
        tasks: unkeyed(d.tasks),
        customerIds: d.customerIds,
        active: d.active,
        mailAddress: d.mailAddress?.trim() ? d.mailAddress.trim() : null,
      },
    });
  };
  const shown = shownPaths(d);
  const others = Object.entries(errors).filter(([k]) => !shown.has(k));
  const section = { item: d, set, errors };
  return (
    <Modal opened onClose={props.onClose} title={t(d.id ? 'itemEditor.edit' : 'itemEditor.new')} size="xl">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('itemEditor.code')}
            required
            value={d.code}
            onChange={(e) => set({ code: e.currentTarget.value })}
            error={errors.code}
            data-testid="item-code"
          />
          <TextInput
            label={t('itemEditor.mailAddress')}
            description={t('itemEditor.mailAddressHelp')}
            value={d.mailAddress ?? ''}
            onChange={(e) => set({ mailAddress: e.currentTarget.value })}
            error={errors.mailAddress}
          />
          <Checkbox
            mt="lg"
            label={t('itemEditor.active')}
            checked={d.active}
            onChange={(e) => set({ active: e.currentTarget.checked })}
          />
        </SimpleGrid>
        {languages.map((lang) => (
          <SimpleGrid key={lang} cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={`${t('itemEditor.name')} (${lang})`}
              required={lang === 'en'}
              value={d.texts[lang]?.name ?? ''}
              onChange={(e) => setText(lang, { name: e.currentTarget.value })}
              error={errors[`texts.${lang}.name`]}
              data-testid={`item-name-${lang}`}
            />
            <TextInput
              label={`${t('itemEditor.description')} (${lang})`}
              value={d.texts[lang]?.description ?? ''}
              onChange={(e) => setText(lang, { description: e.currentTarget.value })}
              error={errors[`texts.${lang}.description`]}
            />
          </SimpleGrid>
        ))}
        <MultiSelect
          label={t('itemEditor.customers')}
          description={t('itemEditor.customersHelp')}
          data={opts.customerOptions}
          value={d.customerIds}
          onChange={(v) => set({ customerIds: v })}
          error={errors.customerIds}
          searchable
        />
        <Divider label={t('itemEditor.form')} labelPosition="left" />
        <ItemFormEditor {...section} />
        <Divider label={t('itemEditor.approval')} labelPosition="left" />
        <ItemApprovalEditor {...section} />
        <Divider label={t('itemEditor.tasks')} labelPosition="left" />
        <ItemTasksEditor {...section} groupOptions={opts.groupOptions} />
      </Stack>
      {others.length > 0 && (
        <Stack gap={2} mt="md">
          {others.map(([k, m]) => (
            <Text key={k} c="red" size="sm">
              {k}: {m}
            </Text>
          ))}
        </Stack>
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={save} loading={write.saving} data-testid="item-save">
          {t('common.save')}
        </Button>
      </Group>
    </Modal>
  );
}
