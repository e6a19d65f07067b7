import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
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
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgreementView } from '../../modules/agreements/index.ts';
import { ApiProblem, get, saveRecord } from '../api.ts';
import { can, useMe } from '../auth/session.ts';
import { CiPicker } from '../cmdb/CiPicker.tsx';

const kinds = ['sla', 'ola', 'underpinning_contract'] as const;
const statusColour = { draft: 'gray', active: 'green', expired: 'red' } as const;
type Target = AgreementView['targets'][number] & { uid: string };

export function AgreementsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [editing, setEditing] = useState<AgreementView | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['agreements'],
    queryFn: () => get<{ items: AgreementView[] }>('/api/v1/agreements'),
  });
  const uncovered = useQuery({
    queryKey: ['agreements', 'uncovered'],
    queryFn: () =>
      get<{ items: Array<{ id: string; name: string }> }>('/api/v1/agreements/services-without-sla'),
  });
  const party = (a: AgreementView) =>
    a.customerName ??
    a.supplierName ??
    (a.groupName ? `${a.groupName}${a.internalParty ? ` (${a.internalParty})` : ''}` : null) ??
    a.internalParty ??
    '–';
  return (
    <Stack maw={1300}>
      <Group justify="space-between">
        <Title order={2}>{t('agreements.title')}</Title>
        {can(me, ['service_level_manager']) && (
          <Button onClick={() => setEditing('new')}>{t('agreements.new')}</Button>
        )}
      </Group>
      {uncovered.data &&
        (uncovered.data.items.length ? (
          <Alert color="yellow" title={t('agreements.withoutSla')}>
            {uncovered.data.items.map((s, i) => (
              <span key={s.id}>
                {i > 0 && ', '}
                <Anchor component={Link} to={`/services/${s.id}`}>
                  {s.name}
                </Anchor>
              </span>
            ))}
          </Alert>
        ) : (
          <Alert color="green">{t('agreements.allCovered')}</Alert>
        ))}
      {list.data?.items.length === 0 && <Text>{t('agreements.empty')}</Text>}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agreements.name')}</Table.Th>
            <Table.Th>{t('agreements.kind')}</Table.Th>
            <Table.Th>{t('agreements.party')}</Table.Th>
            <Table.Th>{t('agreements.status')}</Table.Th>
            <Table.Th>{t('agreements.services')}</Table.Th>
            <Table.Th>{t('agreements.calendar')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((a) => (
            <Table.Tr key={a.id} onClick={() => setEditing(a)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Anchor component="button" type="button">
                  {a.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`agreements.kinds.${a.kind}`)}</Table.Td>
              <Table.Td>{party(a)}</Table.Td>
              <Table.Td>
                <Badge color={statusColour[a.status]} variant="light">
                  {t(`agreements.statuses.${a.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{a.services.map((s) => s.name).join(', ')}</Table.Td>
              <Table.Td>{a.calendarName}</Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/agreements/${a.id}/report`}
                  onClick={(e) => e.stopPropagation()}
                  size="sm"
                >
                  {t('report.open')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && (
        <AgreementForm
          agreement={editing === 'new' ? undefined : editing}
          readOnly={!can(me, ['service_level_manager'])}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function AgreementForm({
  agreement,
  readOnly,
  onClose,
}: {
  agreement?: AgreementView;
  readOnly: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const customers = useQuery({
    queryKey: ['customers'],
    queryFn: () => get<{ items: Array<{ id: string; name: string }> }>('/api/v1/customers'),
  });
  const groups = useQuery({
    queryKey: ['groups'],
    queryFn: () => get<{ items: Array<{ id: string; name: string }> }>('/api/v1/groups'),
  });
  const calendars = useQuery({
    queryKey: ['calendars'],
    queryFn: () => get<{ items: Array<{ id: string; name: string }> }>('/api/v1/calendars'),
  });
  const services = useQuery({
    queryKey: ['services', 'all'],
    queryFn: () => get<{ items: Array<{ id: string; name: string }> }>('/api/v1/services?limit=500'),
  });
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
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      ...form,
      kind: agreement ? undefined : form.kind,
      validFrom: form.validFrom || null,
      validTo: form.validTo || null,
      internalParty: form.internalParty || null,
      groupId: form.kind === 'ola' ? form.groupId : null,
      targets: targets.map(({ uid: _u, ...x }) => x),
    };
    try {
      await saveRecord(
        '/api/v1/agreements',
        agreement && { id: agreement.id, ifMatch: `"${agreement.version}"` },
        body,
      );
      await qc.invalidateQueries({ queryKey: ['agreements'] });
      notifications.show({ color: 'green', message: t('agreements.saved') });
      onClose();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
    }
  };
  const f = problem?.fieldErrors() ?? {};
  const setTarget = (uid: string, patch: Partial<Target>) =>
    setTargets(targets.map((x) => (x.uid === uid ? { ...x, ...patch } : x)));
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
            {targets.map((x, i) => (
              <Group key={x.uid} align="flex-end" wrap="nowrap">
                <Select
                  label={t('agreements.metric')}
                  data={(['response', 'resolution', 'fulfilment'] as const).map((m) => ({
                    value: m,
                    label: t(`agreements.metrics.${m}`),
                  }))}
                  value={x.metric}
                  onChange={(v) => setTarget(x.uid, { metric: (v ?? 'resolution') as Target['metric'] })}
                  allowDeselect={false}
                  error={f[`targets.${i}`]}
                  w={200}
                />
                <NumberInput
                  label={t('agreements.priority')}
                  min={1}
                  max={5}
                  value={x.priority}
                  onChange={(v) => setTarget(x.uid, { priority: Number(v) || 1 })}
                  w={100}
                />
                <NumberInput
                  label={t('agreements.minutes')}
                  min={1}
                  value={x.minutes}
                  onChange={(v) => setTarget(x.uid, { minutes: Number(v) || 1 })}
                  error={f[`targets.${i}.minutes`]}
                  w={160}
                />
                <NumberInput
                  label={t('agreements.warn')}
                  min={1}
                  max={99}
                  value={x.warnPercent}
                  onChange={(v) => setTarget(x.uid, { warnPercent: Number(v) || 75 })}
                  w={120}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('agreements.remove')}
                  onClick={() => setTargets(targets.filter((y) => y.uid !== x.uid))}
                  mb={4}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                size="xs"
                onClick={() =>
                  setTargets([
                    ...targets,
                    {
                      metric: 'resolution',
                      priority: 1,
                      minutes: 240,
                      warnPercent: 75,
                      uid: crypto.randomUUID(),
                    },
                  ])
                }
              >
                {t('agreements.addTarget')}
              </Button>
            </Group>
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
