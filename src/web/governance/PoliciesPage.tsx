import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { externalRoles, type Role, roles } from '../../kernel/access/roles.ts';
import { policyWriters } from '../../modules/policies/policy.ts';
import { ApiProblem, api, get } from '../api.ts';
import { showProblem } from '../app/showProblem.ts';
import { can, useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { paragraphsToHtml } from './text.ts';

type Row = {
  id: string;
  identifier: string;
  title: string;
  kind: string;
  publishedVersion: number | null;
  latestVersion: number;
  latestState: string;
  reviewDue: string | null;
  reviewOverdue: boolean;
  coverage: { asked: number; acknowledged: number; percent: number | null } | null;
  toAcknowledge: boolean;
};

export const stateColour: Record<string, string> = {
  draft: 'gray',
  in_review: 'yellow',
  approved: 'teal',
  published: 'green',
  superseded: 'gray',
  withdrawn: 'red',
};

/** The policies a person may read: state, version in force, coverage, reviews due. */
export function PoliciesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['policies'], queryFn: () => get<{ items: Row[] }>('/api/v1/policies') });
  const rows = list.data?.items ?? [];
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('policies.title')}</Title>
        {can(me, policyWriters) && (
          <Button onClick={() => setCreating(true)} data-testid="new-policy">
            {t('policies.new')}
          </Button>
        )}
      </Group>
      <Text c="dimmed" size="sm">
        {t('policies.intro')}
      </Text>
      {list.data && rows.length === 0 && <Text>{t('policies.none')}</Text>}
      {rows.length > 0 && (
        <Table striped data-testid="policies">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('policies.identifier')}</Table.Th>
              <Table.Th>{t('policies.name')}</Table.Th>
              <Table.Th>{t('policies.inForce')}</Table.Th>
              <Table.Th>{t('policies.latest')}</Table.Th>
              <Table.Th>{t('policies.coverage')}</Table.Th>
              <Table.Th>{t('policies.reviewDue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/policies/${r.id}`}>
                    {r.identifier}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {r.title}{' '}
                  {r.toAcknowledge && (
                    <Badge size="xs" color="orange">
                      {t('policies.toRead')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.publishedVersion ? `v${r.publishedVersion}` : '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={stateColour[r.latestState]}>
                    v{r.latestVersion} · {t(`policies.state.${r.latestState}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {r.coverage
                    ? `${r.coverage.percent ?? 0}% (${r.coverage.acknowledged}/${r.coverage.asked})`
                    : '—'}
                </Table.Td>
                <Table.Td>
                  {r.reviewDue ? (
                    <Text size="sm" c={r.reviewOverdue ? 'red' : undefined}>
                      {new Date(r.reviewDue).toLocaleDateString(i18n.language)}
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <NewPolicy onClose={() => setCreating(false)} />}
    </Stack>
  );
}

/** Writing a new policy: who owns and approves it, who it is for, and its first text (a draft). */
function NewPolicy({ onClose }: { onClose: () => void }) {
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const save = async () => {
    setErrors({});
    try {
      const { data } = await api<{ id: string }>('/api/v1/policies', {
        method: 'POST',
        body: {
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
        },
      });
      navigate(`/policies/${data.id}`);
    } catch (e) {
      if (e instanceof ApiProblem && e.errors.length) setErrors(e.fieldErrors());
      else showProblem(t('common.error'), e);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('policies.new')} size="xl">
      <Stack>
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} data-testid="policy-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
