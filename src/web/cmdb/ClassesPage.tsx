import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { editors } from '../app/navigation.ts';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { languages } from '../i18n/index.ts';
import { type CiClass, useClasses } from './classes.ts';
import { type AttributeDef, useSaveClass } from './data.ts';

const types = ['text', 'number', 'integer', 'boolean', 'date', 'choice'] as const;

/** The CI classes and the attributes each declares; configuration managers define and change them. */
export function ClassesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { classes, nameOf } = useClasses();
  const [editing, setEditing] = useState<CiClass | null>(null);
  const canEdit = can(me, editors.classes);
  return (
    <RegisterPage<CiClass>
      title={t('classes.title')}
      create={{ label: t('classes.new'), allowed: canEdit, form: (close) => <ClassEditor onClose={close} /> }}
      intro={t('classes.intro')}
      table={{
        rows: classes,
        keepWhenEmpty: true,
        rowKey: (c) => c.key,
        tableProps: { striped: true, highlightOnHover: true },
        columns: [
          {
            key: 'names',
            header: t('classes.names'),
            cell: (c) => (
              <>
                {nameOf(c.key)}{' '}
                {c.builtIn && (
                  <Badge size="xs" variant="light">
                    {t('classes.builtIn')}
                  </Badge>
                )}
              </>
            ),
          },
          { key: 'key', header: t('classes.key'), td: { ff: 'monospace' }, cell: (c) => c.key },
          {
            key: 'attributes',
            header: t('classes.attributes'),
            cell: (c) => (
              <Group gap={4}>
                {c.attributes.map((a) => (
                  <Badge
                    key={a.key}
                    variant={a.required ? 'filled' : 'outline'}
                    size="sm"
                    title={t(`classes.types.${a.type}`)}
                  >
                    {a.label}
                  </Badge>
                ))}
              </Group>
            ),
          },
          {
            key: 'edit',
            cell: (c) =>
              canEdit && (
                <Button size="xs" variant="subtle" onClick={() => setEditing(c)}>
                  {t('classes.edit')}
                </Button>
              ),
          },
        ],
      }}
    >
      {editing && <ClassEditor cls={editing} onClose={() => setEditing(null)} />}
    </RegisterPage>
  );
}

type Draft = Omit<AttributeDef, 'values'> & { values: string; uid: string };

function ClassEditor({ cls, onClose }: { cls?: CiClass; onClose: () => void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState(cls?.key ?? '');
  const [names, setNames] = useState<Record<string, string>>({
    en: cls?.names.en ?? '',
    nl: cls?.names.nl ?? '',
    da: cls?.names.da ?? '',
  });
  const [attrs, setAttrs] = useState<Draft[]>(
    (cls?.attributes ?? []).map((a) => ({
      ...a,
      values: (a.values ?? []).join(', '),
      uid: crypto.randomUUID(),
    })),
  );
  const write = useSaveClass({
    problemInForm: true,
    onSaved: () => {
      notifications.show({ color: 'green', message: t('classes.saved') });
      onClose();
    },
  });
  const { problem, errors: f } = write;
  const setAttr = (i: number, patch: Partial<Draft>) =>
    setAttrs(attrs.map((a, j) => (i === j ? { ...a, ...patch } : a)));
  const submit = () =>
    write.save({
      editing: cls,
      key,
      body: {
        names: Object.fromEntries(Object.entries(names).filter(([, v]) => v.trim())),
        attributes: attrs.map(({ values, uid: _uid, ...a }) => ({
          ...a,
          ...(a.type === 'choice'
            ? {
                values: values
                  .split(',')
                  .map((v) => v.trim())
                  .filter(Boolean),
              }
            : {}),
        })),
      },
    });
  return (
    <Modal opened onClose={onClose} title={cls ? cls.names.en : t('classes.new')} size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          {problem && <Alert color="red">{problem.message}</Alert>}
          <TextInput
            label={t('classes.key')}
            value={key}
            disabled={!!cls}
            onChange={(e) => setKey(e.currentTarget.value)}
            error={f.key}
            required
          />
          <Group grow>
            {languages.map((l) => (
              <TextInput
                key={l}
                label={t('classes.nameIn', { lang: t(`language.${l}`) })}
                required={l === 'en'}
                value={names[l]}
                onChange={(e) => setNames({ ...names, [l]: e.currentTarget.value })}
                error={f[`names.${l}`]}
              />
            ))}
          </Group>
          <Title order={5}>{t('classes.attributes')}</Title>
          {attrs.map((a, i) => (
            <Group key={a.uid} align="flex-end" wrap="nowrap">
              <TextInput
                label={t('classes.attrKey')}
                value={a.key}
                onChange={(e) => setAttr(i, { key: e.currentTarget.value })}
                error={f[`attributes.${i}.key`]}
                w={140}
              />
              <TextInput
                label={t('classes.attrLabel')}
                value={a.label}
                onChange={(e) => setAttr(i, { label: e.currentTarget.value })}
                w={180}
              />
              <Select
                label={t('classes.attrType')}
                data={types.map((x) => ({ value: x, label: t(`classes.types.${x}`) }))}
                value={a.type}
                onChange={(v) => setAttr(i, { type: (v ?? 'text') as Draft['type'] })}
                allowDeselect={false}
                w={140}
              />
              <TextInput
                label={t('classes.values')}
                value={a.values}
                disabled={a.type !== 'choice'}
                onChange={(e) => setAttr(i, { values: e.currentTarget.value })}
                error={f[`attributes.${i}.values`]}
                style={{ flex: 1 }}
              />
              <Checkbox
                label={t('classes.required')}
                checked={a.required}
                onChange={(e) => setAttr(i, { required: e.currentTarget.checked })}
                error={f[`attributes.${i}.required`]}
                mb={8}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => setAttrs(attrs.filter((_, j) => j !== i))}
                aria-label={t('cis.remove')}
                mb={4}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group justify="space-between">
            <Button
              variant="light"
              onClick={() =>
                setAttrs([
                  ...attrs,
                  { key: '', label: '', type: 'text', required: false, values: '', uid: crypto.randomUUID() },
                ])
              }
            >
              {t('classes.addAttribute')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit">{t('classes.save')}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
