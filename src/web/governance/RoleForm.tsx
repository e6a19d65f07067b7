import { Checkbox, Group, MultiSelect, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles as accessRoles, externalRoles } from '../../kernel/access/roles.ts';
import { accessGranters, authorities, mayGrantAccess } from '../../modules/roles/policy.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { type SmsRole, useProcesses, useSaveRole } from './data.ts';
import { toLines } from './roles.ts';

/** Creates a role, or changes one (its key stays). */
export function RoleForm({ role, onClose }: { role?: SmsRole; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const processes = useProcesses();
  const [f, setF] = useState({
    key: role?.key ?? '',
    name: role?.name ?? '',
    description: role?.description ?? '',
    responsibilities: role?.responsibilities.join('\n') ?? '',
    authorities: role?.authorities ?? [],
    competences: role?.competences.join('\n') ?? '',
    accessRole: (role?.accessRole ?? null) as string | null,
    processKey: role?.processKey ?? null,
    needsDeputy: role?.needsDeputy ?? true,
    retired: role?.retired ?? false,
  });
  const write = useSaveRole({ onSaved: onClose });
  const { errors } = write;
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = () =>
    write.save({
      id: role?.id,
      version: role?.version,
      body: {
        name: f.name,
        description: f.description,
        responsibilities: toLines(f.responsibilities),
        authorities: f.authorities,
        competences: toLines(f.competences),
        accessRole: f.accessRole,
        processKey: f.processKey,
        needsDeputy: f.needsDeputy,
        ...(role ? { retired: f.retired } : { key: f.key }),
      },
    });
  return (
    <FormDialog
      title={role ? role.name : t('smsRoles.new')}
      size="lg"
      onClose={onClose}
      onSave={save}
      saveTestId="role-save"
    >
      <SimpleGrid cols={2}>
        <TextInput
          label={t('smsRoles.name')}
          required
          value={f.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          data-testid="role-name"
        />
        <TextInput
          label={t('smsRoles.key')}
          description={t('smsRoles.keyHint')}
          required
          disabled={!!role}
          value={f.key}
          onChange={(e) => set('key', e.currentTarget.value)}
          error={errors.key}
          data-testid="role-key"
        />
      </SimpleGrid>
      <Textarea
        label={t('smsRoles.description')}
        autosize
        minRows={2}
        value={f.description}
        onChange={(e) => set('description', e.currentTarget.value)}
      />
      <Textarea
        label={t('smsRoles.responsibilities')}
        description={t('smsRoles.onePerLine')}
        autosize
        minRows={3}
        value={f.responsibilities}
        onChange={(e) => set('responsibilities', e.currentTarget.value)}
      />
      <MultiSelect
        label={t('smsRoles.authorities')}
        data={authorities.map((a) => ({ value: a, label: t(`smsRoles.authority.${a}`) }))}
        value={f.authorities}
        onChange={(v) => set('authorities', v)}
        error={errors.authorities}
      />
      <Textarea
        label={t('smsRoles.competences')}
        description={t('smsRoles.onePerLine')}
        autosize
        minRows={2}
        value={f.competences}
        onChange={(e) => set('competences', e.currentTarget.value)}
      />
      <SimpleGrid cols={2}>
        <Select
          label={t('smsRoles.accessRole')}
          description={t('smsRoles.accessRoleHint')}
          clearable
          data={accessRoles
            .filter((r) => !externalRoles.includes(r))
            .map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={f.accessRole}
          disabled={!mayGrantAccess(me.roles, role?.accessRole) || !can(me, accessGranters)}
          onChange={(v) => set('accessRole', v)}
          error={errors.accessRole}
        />
        <Select
          label={t('smsRoles.process')}
          clearable
          data={(processes.data?.items ?? []).map((p) => ({ value: p.key, label: p.name }))}
          value={f.processKey}
          onChange={(v) => set('processKey', v)}
          error={errors.processKey}
        />
      </SimpleGrid>
      <Group>
        <Checkbox
          label={t('smsRoles.needsDeputy')}
          checked={f.needsDeputy}
          onChange={(e) => set('needsDeputy', e.currentTarget.checked)}
        />
        {role && (
          <Checkbox
            label={t('smsRoles.retired')}
            checked={f.retired}
            disabled={!mayGrantAccess(me.roles, role.accessRole)}
            onChange={(e) => set('retired', e.currentTarget.checked)}
          />
        )}
      </Group>
    </FormDialog>
  );
}
