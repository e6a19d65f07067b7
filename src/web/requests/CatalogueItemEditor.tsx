import {
  ActionIcon,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles } from '../../kernel/access/roles.ts';
import { ApiProblem, saveRecord } from '../api.ts';
import { showProblem } from '../app/showProblem.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { useDeskOptions } from '../servicedesk/options.ts';

type Texts = { en: string; nl?: string; da?: string };
type ItemText = { name: string; description: string };
type FieldDef = {
  key: string;
  label: Texts;
  type: 'text' | 'choice' | 'date' | 'user' | 'ci' | 'number';
  required?: boolean;
  multiline?: boolean;
  multiple?: boolean;
  options?: Array<{ value: string; label: Texts }>;
  min?: number | string;
  max?: number | string;
  integer?: boolean;
  ciClass?: string;
};
type Approver =
  | { kind: 'manager' }
  | { kind: 'service_owner' }
  | { kind: 'role'; role: string }
  | { kind: 'person'; userId: string };
export type CatalogueItemDef = {
  id?: string;
  version?: number;
  code: string;
  serviceId: string;
  texts: { en: ItemText; nl?: ItemText; da?: ItemText };
  form: Keyed<FieldDef>[];
  approval: { mode: 'none' | 'all' | 'any'; approvers: Keyed<Approver>[] };
  tasks: Keyed<{ title: string; instructions?: string; groupId?: string | null }>[];
  customerIds: string[];
  active: boolean;
  mailAddress: string | null;
};

const languages = ['en', 'nl', 'da'] as const;

/** Rows being edited carry a key of their own (`_k`), so React keeps each input with its row. */
let nextKey = 0;
type Keyed<T> = T & { _k?: number };
const keyed = <T extends object>(x: T): Keyed<T> => ({ ...x, _k: ++nextKey });
const unkeyed = <T extends object>(list: Keyed<T>[]): T[] =>
  list.map(({ _k, ...rest }) => rest as unknown as T);
const fieldTypes = ['text', 'choice', 'date', 'number', 'user', 'ci'] as const;

export const emptyItem = (serviceId: string): CatalogueItemDef => ({
  code: '',
  serviceId,
  texts: { en: { name: '', description: '' } },
  form: [],
  approval: { mode: 'none', approvers: [] },
  tasks: [],
  customerIds: [],
  active: true,
  mailAddress: null,
});

/** Options as lines "value | English | Nederlands | Dansk", the way a service owner can type them. */
const optionsText = (o: FieldDef['options']) =>
  (o ?? []).map((x) => [x.value, x.label.en, x.label.nl ?? '', x.label.da ?? ''].join(' | ')).join('\n');
const parseOptions = (s: string) =>
  s
    .split('\n')
    .map((l) => l.split('|').map((p) => p.trim()))
    .filter((p) => p[0])
    .map(([value, en, nl, da]) => ({
      value: value!,
      label: { en: en || value!, ...(nl ? { nl } : {}), ...(da ? { da } : {}) },
    }));
const bound = (s: string, type: FieldDef['type']) =>
  s.trim() === '' ? undefined : type === 'number' ? Number(s) : s.trim();

/** Defining what can be ordered: texts in three languages, the form, approvals, tasks and who may order. */
export function CatalogueItemEditor(props: {
  item: CatalogueItemDef;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const opts = useDeskOptions();
  const [d, setD] = useState<CatalogueItemDef>(() => ({
    ...props.item,
    form: props.item.form.map(keyed),
    tasks: props.item.tasks.map(keyed),
    approval: { ...props.item.approval, approvers: props.item.approval.approvers.map(keyed) },
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<CatalogueItemDef>) => setD((x) => ({ ...x, ...patch }));
  const setField = (i: number, patch: Partial<FieldDef>) =>
    set({ form: d.form.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  const setText = (lang: (typeof languages)[number], patch: Partial<ItemText>) =>
    set({ texts: { ...d.texts, [lang]: { ...(d.texts[lang] ?? { name: '', description: '' }), ...patch } } });
  const save = async () => {
    setSaving(true);
    setErrors({});
    const texts = Object.fromEntries(
      Object.entries(d.texts).filter(([lang, v]) => lang === 'en' || v?.name.trim()),
    );
    const body = {
      code: d.code,
      texts,
      form: unkeyed(d.form),
      approval: { ...d.approval, approvers: unkeyed(d.approval.approvers) },
      tasks: unkeyed(d.tasks),
      customerIds: d.customerIds,
      active: d.active,
      mailAddress: d.mailAddress?.trim() ? d.mailAddress.trim() : null,
    };
    try {
      await saveRecord(
        '/api/v1/catalogue-items',
        d.id ? { id: d.id, ifMatch: `"${d.version}"` } : null,
        body,
        { ...body, serviceId: d.serviceId },
      );
      await props.onSaved();
      props.onClose();
    } catch (e) {
      if (e instanceof ApiProblem && e.errors.length) setErrors(e.fieldErrors());
      else showProblem(t('common.error'), e);
    } finally {
      setSaving(false);
    }
  };
  const shown = new Set<string>();
  const err = (path: string) => {
    shown.add(path);
    return errors[path];
  };
  const body = (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('itemEditor.code')}
          required
          value={d.code}
          onChange={(e) => set({ code: e.currentTarget.value })}
          error={err('code')}
          data-testid="item-code"
        />
        <TextInput
          label={t('itemEditor.mailAddress')}
          description={t('itemEditor.mailAddressHelp')}
          value={d.mailAddress ?? ''}
          onChange={(e) => set({ mailAddress: e.currentTarget.value })}
          error={err('mailAddress')}
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
            error={err(`texts.${lang}.name`)}
            data-testid={`item-name-${lang}`}
          />
          <TextInput
            label={`${t('itemEditor.description')} (${lang})`}
            value={d.texts[lang]?.description ?? ''}
            onChange={(e) => setText(lang, { description: e.currentTarget.value })}
            error={err(`texts.${lang}.description`)}
          />
        </SimpleGrid>
      ))}
      <MultiSelect
        label={t('itemEditor.customers')}
        description={t('itemEditor.customersHelp')}
        data={opts.customerOptions}
        value={d.customerIds}
        onChange={(v) => set({ customerIds: v })}
        error={err('customerIds')}
        searchable
      />

      <Divider label={t('itemEditor.form')} labelPosition="left" />
      {d.form.map((f, i) => (
        <Paper key={f._k} withBorder p="sm">
          <Stack gap="xs">
            <Group align="flex-end">
              <TextInput
                label={t('itemEditor.fieldKey')}
                value={f.key}
                onChange={(e) => setField(i, { key: e.currentTarget.value })}
                error={err(`form.${i}.key`)}
                w={160}
              />
              <Select
                label={t('itemEditor.fieldType')}
                data={fieldTypes.map((x) => ({ value: x, label: t(`itemEditor.type.${x}`) }))}
                value={f.type}
                onChange={(v) => v && setField(i, { type: v as FieldDef['type'] })}
                allowDeselect={false}
                w={160}
              />
              <Checkbox
                label={t('itemEditor.required')}
                checked={!!f.required}
                onChange={(e) => setField(i, { required: e.currentTarget.checked })}
                mb={8}
              />
              {f.type === 'text' && (
                <Checkbox
                  label={t('itemEditor.multiline')}
                  checked={!!f.multiline}
                  onChange={(e) => setField(i, { multiline: e.currentTarget.checked })}
                  mb={8}
                />
              )}
              {f.type === 'choice' && (
                <Checkbox
                  label={t('itemEditor.multiple')}
                  checked={!!f.multiple}
                  onChange={(e) => setField(i, { multiple: e.currentTarget.checked })}
                  mb={8}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                aria-label={t('itemEditor.remove')}
                onClick={() => set({ form: d.form.filter((_, j) => j !== i) })}
              >
                ×
              </ActionIcon>
            </Group>
            <SimpleGrid cols={3}>
              {languages.map((lang) => (
                <TextInput
                  key={lang}
                  label={`${t('itemEditor.label')} (${lang})`}
                  value={f.label[lang] ?? ''}
                  onChange={(e) => setField(i, { label: { ...f.label, [lang]: e.currentTarget.value } })}
                  error={lang === 'en' ? (err(`form.${i}.label.en`) ?? err(`form.${i}.label`)) : undefined}
                />
              ))}
            </SimpleGrid>
            {f.type === 'choice' && (
              <Textarea
                label={t('itemEditor.options')}
                description={t('itemEditor.optionsHelp')}
                autosize
                minRows={2}
                defaultValue={optionsText(f.options)}
                onBlur={(e) => setField(i, { options: parseOptions(e.currentTarget.value) })}
                error={err(`form.${i}.options`)}
              />
            )}
            {(f.type === 'number' || f.type === 'date') && (
              <Group>
                <TextInput
                  label={t('itemEditor.min')}
                  placeholder={f.type === 'date' ? 'YYYY-MM-DD' : ''}
                  defaultValue={f.min === undefined ? '' : String(f.min)}
                  onBlur={(e) => setField(i, { min: bound(e.currentTarget.value, f.type) })}
                  error={err(`form.${i}.min`)}
                />
                <TextInput
                  label={t('itemEditor.max')}
                  placeholder={f.type === 'date' ? 'YYYY-MM-DD' : ''}
                  defaultValue={f.max === undefined ? '' : String(f.max)}
                  onBlur={(e) => setField(i, { max: bound(e.currentTarget.value, f.type) })}
                  error={err(`form.${i}.max`)}
                />
              </Group>
            )}
            {f.type === 'ci' && (
              <TextInput
                label={t('itemEditor.ciClass')}
                value={f.ciClass ?? ''}
                onChange={(e) => setField(i, { ciClass: e.currentTarget.value || undefined })}
                error={err(`form.${i}.ciClass`)}
                w={240}
              />
            )}
          </Stack>
        </Paper>
      ))}
      <Button
        variant="default"
        w="fit-content"
        onClick={() =>
          set({ form: [...d.form, keyed({ key: '', type: 'text' as const, label: { en: '' } })] })
        }
      >
        {t('itemEditor.addField')}
      </Button>

      <Divider label={t('itemEditor.approval')} labelPosition="left" />
      <Select
        label={t('itemEditor.approvalMode')}
        data={(['none', 'any', 'all'] as const).map((m) => ({ value: m, label: t(`itemEditor.mode.${m}`) }))}
        value={d.approval.mode}
        onChange={(v) => v && set({ approval: { ...d.approval, mode: v as 'none' } })}
        allowDeselect={false}
        w={320}
      />
      {d.approval.mode !== 'none' && (
        <Stack gap="xs">
          {d.approval.approvers.map((a, i) => (
            <Group key={a._k} align="flex-end">
              <Select
                label={t('itemEditor.approver')}
                data={(['manager', 'service_owner', 'role', 'person'] as const).map((k) => ({
                  value: k,
                  label: t(`itemEditor.approverKind.${k}`),
                }))}
                value={a.kind}
                onChange={(v) => {
                  const next: Approver =
                    v === 'role'
                      ? { kind: 'role', role: 'service_owner' }
                      : v === 'person'
                        ? { kind: 'person', userId: '' }
                        : { kind: v as 'manager' };
                  set({
                    approval: {
                      ...d.approval,
                      approvers: d.approval.approvers.map((x, j) => (j === i ? { ...next, _k: x._k } : x)),
                    },
                  });
                }}
                allowDeselect={false}
                w={220}
              />
              {a.kind === 'role' && (
                <Select
                  label={t('itemEditor.role')}
                  data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  value={a.role}
                  onChange={(v) =>
                    v &&
                    set({
                      approval: {
                        ...d.approval,
                        approvers: d.approval.approvers.map((x, j) =>
                          j === i ? { kind: 'role', role: v } : x,
                        ),
                      },
                    })
                  }
                  error={err(`approval.approvers.${i}.role`)}
                  w={260}
                />
              )}
              {a.kind === 'person' && (
                <PersonPicker
                  label={t('itemEditor.person')}
                  value={a.userId || null}
                  onChange={(v) =>
                    set({
                      approval: {
                        ...d.approval,
                        approvers: d.approval.approvers.map((x, j) =>
                          j === i ? { kind: 'person', userId: v ?? '', _k: x._k } : x,
                        ),
                      },
                    })
                  }
                  error={err(`approval.approvers.${i}.userId`)}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                aria-label={t('itemEditor.remove')}
                onClick={() =>
                  set({
                    approval: { ...d.approval, approvers: d.approval.approvers.filter((_, j) => j !== i) },
                  })
                }
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {err('approval.approvers') && (
            <Text c="red" size="sm">
              {errors['approval.approvers']}
            </Text>
          )}
          <Button
            variant="default"
            w="fit-content"
            onClick={() =>
              set({
                approval: { ...d.approval, approvers: [...d.approval.approvers, { kind: 'service_owner' }] },
              })
            }
          >
            {t('itemEditor.addApprover')}
          </Button>
        </Stack>
      )}

      <Divider label={t('itemEditor.tasks')} labelPosition="left" />
      {d.tasks.map((task, i) => (
        <Group key={task._k} align="flex-start">
          <TextInput
            label={t('itemEditor.taskTitle')}
            value={task.title}
            onChange={(e) =>
              set({ tasks: d.tasks.map((x, j) => (j === i ? { ...x, title: e.currentTarget.value } : x)) })
            }
            error={err(`tasks.${i}.title`)}
            w={260}
          />
          <Select
            label={t('itemEditor.taskGroup')}
            data={opts.groupOptions}
            value={task.groupId ?? null}
            onChange={(v) => set({ tasks: d.tasks.map((x, j) => (j === i ? { ...x, groupId: v } : x)) })}
            error={err(`tasks.${i}.groupId`)}
            clearable
            w={220}
          />
          <Textarea
            label={t('itemEditor.instructions')}
            value={task.instructions ?? ''}
            onChange={(e) =>
              set({
                tasks: d.tasks.map((x, j) => (j === i ? { ...x, instructions: e.currentTarget.value } : x)),
              })
            }
            autosize
            style={{ flex: 1 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={28}
            aria-label={t('itemEditor.remove')}
            onClick={() => set({ tasks: d.tasks.filter((_, j) => j !== i) })}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="default"
        w="fit-content"
        onClick={() => set({ tasks: [...d.tasks, keyed({ title: '', groupId: null })] })}
      >
        {t('itemEditor.addTask')}
      </Button>
    </Stack>
  );
  const others = Object.entries(errors).filter(([k]) => !shown.has(k));
  return (
    <Modal opened onClose={props.onClose} title={t(d.id ? 'itemEditor.edit' : 'itemEditor.new')} size="xl">
      {body}
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
        <Button onClick={save} loading={saving} data-testid="item-save">
          {t('common.save')}
        </Button>
      </Group>
    </Modal>
  );
}
