import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  MultiSelect,
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
import { Link } from 'react-router';
import { roles as accessRoles, externalRoles } from '../../kernel/access/roles.ts';
import { accessGranters, authorities, mayGrantAccess, roleKeepers } from '../../modules/roles/policy.ts';
import { get } from '../api.ts';
import { formatDay } from '../app/dates.ts';
import { useSave } from '../app/useSave.ts';
import { can, useMe } from '../auth/session.ts';
import { type Catalogue, type Gap, gapLink, type SmsProcess, type SmsRole, toLines } from './roles.ts';

/** One gap in words, linking to the record that has it. */
export function GapLine({ gap }: { gap: Gap }) {
  const { t, i18n } = useTranslation();
  // the fields this kind of gap has
  const about: { name: string; userName?: string; endsOn?: string; competences?: string[] } = gap;
  return (
    <Anchor component={Link} to={gapLink(gap)} size="sm">
      {t(`smsRoles.gaps.${gap.kind}`, {
        name: gap.name,
        person: about.userName,
        date: about.endsOn ? formatDay(about.endsOn, i18n.language) : '',
        competences: about.competences?.join(', '),
      })}
    </Anchor>
  );
}

export function GapList({ gaps }: { gaps: Gap[] }) {
  const { t } = useTranslation();
  if (!gaps.length) return <Text c="dimmed">{t('smsRoles.noGaps')}</Text>;
  return (
    <List spacing={4} data-testid="role-gaps">
      {gaps.map((g) => (
        <List.Item
          key={`${g.kind}-${'roleId' in g ? g.roleId : g.processId}-${'userName' in g ? g.userName : ''}`}
        >
          <GapLine gap={g} />
        </List.Item>
      ))}
    </List>
  );
}

/** The role catalogue (5.3): who holds which role, with what authority, and where the gaps are. */
export function RolesPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: ['sms-roles'], queryFn: () => get<Catalogue>('/api/v1/roles') });
  const keeper = can(me, roleKeepers);
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('smsRoles.title')}</Title>
        <Group>
          <Button variant="default" component={Link} to="/processes">
            {t('processes.title')}
          </Button>
          {keeper && (
            <Button onClick={() => setCreating(true)} data-testid="new-role">
              {t('smsRoles.new')}
            </Button>
          )}
        </Group>
      </Group>
      {q.data && q.data.gaps.length > 0 && (
        <Alert color="yellow" title={t('smsRoles.gapsTitle', { count: q.data.gaps.length })}>
          <GapList gaps={q.data.gaps} />
        </Alert>
      )}
      {q.data && q.data.items.length === 0 && <Text>{t('smsRoles.none')}</Text>}
      {(q.data?.items.length ?? 0) > 0 && (
        <Table striped data-testid="roles">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('smsRoles.name')}</Table.Th>
              <Table.Th>{t('smsRoles.holders')}</Table.Th>
              <Table.Th>{t('smsRoles.authorities')}</Table.Th>
              <Table.Th>{t('smsRoles.accessRole')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data!.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/roles/${r.id}`}>
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {r.holders.filter((a) => a.state === 'current').length === 0 ? (
                    <Badge color="red" variant="light">
                      {t('smsRoles.vacant')}
                    </Badge>
                  ) : (
                    r.holders
                      .filter((a) => a.state === 'current')
                      .map((a) => (
                        <Text size="sm" key={a.id}>
                          {a.userName}
                          {a.deputyName ? ` (${t('smsRoles.deputyShort')}: ${a.deputyName})` : ''}
                        </Text>
                      ))
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {r.authorities.map((x) => t(`smsRoles.authority.${x}`)).join(', ') || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.accessRole ? <Badge variant="light">{t(`roles.${r.accessRole}`)}</Badge> : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <RoleForm onClose={() => setCreating(false)} />}
    </Stack>
  );
}

/** Creates a role, or changes one (its key stays). */
export function RoleForm({ role, onClose }: { role?: SmsRole; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const processes = useQuery({
    queryKey: ['processes'],
    queryFn: () => get<{ items: SmsProcess[] }>('/api/v1/processes'),
  });
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
  const { errors, save: send } = useSave([['sms-roles'], ['sms-role']], onClose);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = () => {
    const body = {
      name: f.name,
      description: f.description,
      responsibilities: toLines(f.responsibilities),
      authorities: f.authorities,
      competences: toLines(f.competences),
      accessRole: f.accessRole,
      processKey: f.processKey,
      needsDeputy: f.needsDeputy,
      ...(role ? { retired: f.retired } : { key: f.key }),
    };
    return role
      ? send(`/api/v1/roles/${role.id}`, 'PATCH', body, role.version)
      : send('/api/v1/roles', 'POST', body);
  };
  return (
    <Modal opened onClose={onClose} title={role ? role.name : t('smsRoles.new')} size="lg">
      <Stack>
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} data-testid="role-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
