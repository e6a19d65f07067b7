import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SectionProps } from './CatalogueItemEditor.tsx';
import { bound, fieldTypes, keyed, languages, optionsText, parseOptions } from './catalogueItem.ts';
import type { FieldDef } from './data.ts';

/** The order form of a catalogue item: its fields, each with a key, a type, labels and what it accepts. */
export function ItemFormEditor({ item: d, set, errors }: SectionProps) {
  const { t } = useTranslation();
  const setField = (i: number, patch: Partial<FieldDef>) =>
    set({ form: d.form.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  return (
    <>
      {d.form.map((f, i) => (
        <Paper key={f._k} withBorder p="sm">
          <Stack gap="xs">
            <Group align="flex-end">
              <TextInput
                label={t('itemEditor.fieldKey')}
                value={f.key}
                onChange={(e) => setField(i, { key: e.currentTarget.value })}
                error={errors[`form.${i}.key`]}
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
                  error={
                    lang === 'en' ? (errors[`form.${i}.label.en`] ?? errors[`form.${i}.label`]) : undefined
                  }
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
                error={errors[`form.${i}.options`]}
              />
            )}
            {(f.type === 'number' || f.type === 'date') && (
              <Group>
                <TextInput
                  label={t('itemEditor.min')}
                  placeholder={f.type === 'date' ? 'YYYY-MM-DD' : ''}
                  defaultValue={f.min === undefined ? '' : String(f.min)}
                  onBlur={(e) => setField(i, { min: bound(e.currentTarget.value, f.type) })}
                  error={errors[`form.${i}.min`]}
                />
                <TextInput
                  label={t('itemEditor.max')}
                  placeholder={f.type === 'date' ? 'YYYY-MM-DD' : ''}
                  defaultValue={f.max === undefined ? '' : String(f.max)}
                  onBlur={(e) => setField(i, { max: bound(e.currentTarget.value, f.type) })}
                  error={errors[`form.${i}.max`]}
                />
              </Group>
            )}
            {f.type === 'ci' && (
              <TextInput
                label={t('itemEditor.ciClass')}
                value={f.ciClass ?? ''}
                onChange={(e) => setField(i, { ciClass: e.currentTarget.value || undefined })}
                error={errors[`form.${i}.ciClass`]}
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
    </>
  );
}
