import {
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { externalRoles, type Role, roles } from '../../kernel/access/roles.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { useCreatePolicy } from './data.ts';
import { paragraphsToHtml } from './text.ts';

/** Writing a new policy: who owns and approves it, who it is for, and its first text (a draft). */
export function NewPolicy({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const [f, setF] = useState({
    identifier: '',
    title: '',
    kind: 'process',
    process: '',
    ownerId: me.id as string | null,
    reviewMonths: 12 as number | string,
    approverRoles: ['top_management'] as string[],
    everyone: false,
    audienceRoles: [] as string[],
    customers: false,
    suppliers: false,
    text: '',
  });
  const create = useCreatePolicy({ onSaved: (made) => navigate(`/policies/${made.id}`) });
  const { errors } = create;
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const save = () =>
    create.save({
      identifier: f.identifier,
      title: f.title,
      kind: f.kind,
      process: f.process || null,
      ownerId: f.ownerId,
      reviewMonths: Number(f.reviewMonths),
      approverRoles: f.kind === 'service_management' ? ['top_management'] : f.approverRoles,
      audience: {
        everyone: f.everyone,
        roles: f.audienceRoles,
        groupIds: [],
        customers: f.customers,
        suppliers: f.suppliers,
      },
      language: i18n.language,
      body: paragraphsToHtml(f.text),
    });
  return (
    <FormDialog title={t('policies.new')} size="xl" onClose={onClose} onSave={save} saveTestId="policy-save">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('policies.identifier')}
          placeholder="POL-SM-01"
          required
          value={f.identifier}
          onChange={(e) => set('identifier', e.currentTarget.value)}
          error={errors.identifier}
          data-testid="policy-identifier"
        />
        <Select
          label={t('policies.kind')}
          data={['service_management', 'process', 'other'].map((k) => ({
            value: k,
            label: t(`policies.kinds.${k}`),
          }))}
          value={f.kind}
          onChange={(v) => v && set('kind', v)}
          allowDeselect={false}
        />
        <NumberInput
          label={t('policies.reviewMonths')}
          min={1}
          max={60}
          value={f.reviewMonths}
          onChange={(v) => set('reviewMonths', v)}
          error={errors.reviewMonths}
        />
      </SimpleGrid>
      <TextInput
        label={t('policies.name')}
        required
        value={f.title}
        onChange={(e) => set('title', e.currentTarget.value)}
        error={errors.title}
        data-testid="policy-title"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <PersonPicker
          label={t('policies.owner')}
          value={f.ownerId}
          onChange={(v) => set('ownerId', v)}
          error={errors.ownerId}
        />
        <TextInput
          label={t('policies.process')}
          value={f.process}
          onChange={(e) => set('process', e.currentTarget.value)}
          error={errors.process}
        />
      </SimpleGrid>
      {f.kind !== 'service_management' && (
        <MultiSelect
          label={t('policies.approvers')}
          data={roleOptions.filter((r) => !externalRoles.includes(r.value as Role))}
          value={f.approverRoles}
          onChange={(v) => set('approverRoles', v)}
          error={errors.approverRoles}
          searchable
        />
      )}
      <Group>
        <Checkbox
          label={t('policies.everyone')}
          checked={f.everyone}
          onChange={(e) => set('everyone', e.currentTarget.checked)}
        />
        <Checkbox
          label={t('policies.customers')}
          checked={f.customers}
          onChange={(e) => set('customers', e.currentTarget.checked)}
        />
        <Checkbox
          label={t('policies.suppliers')}
          checked={f.suppliers}
          onChange={(e) => set('suppliers', e.currentTarget.checked)}
          data-testid="policy-suppliers"
        />
      </Group>
      <MultiSelect
        label={t('policies.audienceRoles')}
        data={roleOptions}
        value={f.audienceRoles}
        onChange={(v) => set('audienceRoles', v)}
        error={errors.audience ?? errors['audience.roles']}
        searchable
        data-testid="policy-audience"
      />
      <Textarea
        label={t('policies.text')}
        description={t('policies.textHelp')}
        autosize
        minRows={6}
        value={f.text}
        onChange={(e) => set('text', e.currentTarget.value)}
        data-testid="policy-text"
      />
    </FormDialog>
  );
}
