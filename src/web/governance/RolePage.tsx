import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { mayGrantAccess, roleKeepers } from '../../modules/roles/policy.ts';
import { formatDay } from '../app/dates.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { type Appointment, useRole, useSaveAppointment } from './data.ts';
import { RoleForm } from './RoleForm.tsx';
import { GapList } from './RoleGaps.tsx';

const stateColour = { current: 'green', future: 'blue', ended: 'gray' } as const;

/** One role: what it is for, what it may decide, who holds it (and held it), and its gaps. */
export function RolePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const [editing, setEditing] = useState(false);
  const [appointing, setAppointing] = useState<Appointment | 'new' | null>(null);
  const q = useRole(id);
  const r = q.data;
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  if (!r) return <Text c="dimmed">{t('common.loading')}</Text>;
  const keeper = can(me, roleKeepers);
  const appointer = keeper && mayGrantAccess(me.roles, r.accessRole);
  const date = (s: string | null) => (s ? formatDay(s, i18n.language) : '—');
  const list = (items: string[]) =>
    items.length ? (
      <List size="sm">
        {items.map((x) => (
          <List.Item key={x}>{x}</List.Item>
        ))}
      </List>
    ) : (
      <Text c="dimmed">—</Text>
    );
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <div>
          <Text size="sm" c="dimmed">
            {r.key}
            {r.accessRole ? ` · ${t('smsRoles.gives', { role: t(`roles.${r.accessRole}`) })}` : ''}
          </Text>
          <Title order={2}>
            {r.name} {r.retired && <Badge color="gray">{t('smsRoles.retired')}</Badge>}
          </Title>
        </div>
        {keeper && (
          <Group>
            <Button variant="default" onClick={() => setEditing(true)} data-testid="edit-role">
              {t('common.edit')}
            </Button>
            {!r.retired && appointer && (
              <Button onClick={() => setAppointing('new')} data-testid="appoint">
                {t('smsRoles.appoint')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {r.description && <Text>{r.description}</Text>}
      {r.gaps.length > 0 && (
        <Alert color="yellow">
          <GapList gaps={r.gaps} />
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            {t('smsRoles.responsibilities')}
          </Text>
          {list(r.responsibilities)}
        </Paper>
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            {t('smsRoles.authorities')}
          </Text>
          {list(r.authorities.map((a) => t(`smsRoles.authority.${a}`)))}
        </Paper>
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            {t('smsRoles.competences')}
          </Text>
          {list(r.competences)}
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          {t('smsRoles.appointments')}
        </Text>
        {r.appointments.length === 0 && <Text c="dimmed">{t('smsRoles.noAppointments')}</Text>}
        {r.appointments.length > 0 && (
          <Table data-testid="appointments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('smsRoles.holder')}</Table.Th>
                <Table.Th>{t('smsRoles.deputy')}</Table.Th>
                <Table.Th>{t('smsRoles.from')}</Table.Th>
                <Table.Th>{t('smsRoles.until')}</Table.Th>
                <Table.Th>{t('smsRoles.away')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.appointments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    {a.userName}{' '}
                    <Badge size="xs" variant="light" color={stateColour[a.state]}>
                      {t(`smsRoles.states.${a.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {a.deputyName ?? '—'}
                    {a.deputyActing && (
                      <Badge size="xs" ml={4} color="orange">
                        {t('smsRoles.acting')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{date(a.startsOn)}</Table.Td>
                  <Table.Td>{date(a.endsOn)}</Table.Td>
                  <Table.Td>{a.awayFrom ? `${date(a.awayFrom)} – ${date(a.awayUntil)}` : '—'}</Table.Td>
                  <Table.Td>
                    {appointer && a.state !== 'ended' && (
                      <Button size="xs" variant="subtle" onClick={() => setAppointing(a)}>
                        {t('common.edit')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing && <RoleForm role={r} onClose={() => setEditing(false)} />}
      {appointing && (
        <AppointmentForm
          roleId={r.id}
          appointment={appointing === 'new' ? undefined : appointing}
          onClose={() => setAppointing(null)}
        />
      )}
    </Stack>
  );
}

/** Appoints someone, or changes an appointment: its end, the deputy, an absence. */
function AppointmentForm(props: { roleId: string; appointment?: Appointment; onClose: () => void }) {
  const { t } = useTranslation();
  const a = props.appointment;
  const [f, setF] = useState({
    userId: a?.userId ?? null,
    deputyId: a?.deputyId ?? null,
    startsOn: a?.startsOn ?? new Date().toISOString().slice(0, 10),
    endsOn: a?.endsOn ?? '',
    awayFrom: a?.awayFrom ?? '',
    awayUntil: a?.awayUntil ?? '',
    note: a?.note ?? '',
  });
  const write = useSaveAppointment({ onSaved: props.onClose });
  const { errors } = write;
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = () => {
    const change = {
      deputyId: f.deputyId,
      startsOn: f.startsOn,
      endsOn: f.endsOn || null,
      awayFrom: f.awayFrom || null,
      awayUntil: f.awayUntil || null,
      note: f.note,
    };
    return write.save(
      a
        ? { id: a.id, version: a.version, body: change }
        : { body: { ...change, roleId: props.roleId, userId: f.userId } },
    );
  };
  return (
    <FormDialog
      title={a ? a.userName : t('smsRoles.appoint')}
      size="lg"
      onClose={props.onClose}
      onSave={save}
      saveTestId="appoint-save"
    >
      <SimpleGrid cols={2}>
        {!a && (
          <PersonPicker
            label={t('smsRoles.holder')}
            value={f.userId}
            onChange={(v) => set('userId', v)}
            staffOnly
            error={errors.userId}
            testId="appoint-person"
          />
        )}
        <PersonPicker
          label={t('smsRoles.deputy')}
          value={f.deputyId}
          onChange={(v) => set('deputyId', v)}
          staffOnly
          error={errors.deputyId}
          testId="appoint-deputy"
        />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <TextInput
          type="date"
          label={t('smsRoles.from')}
          required
          value={f.startsOn}
          onChange={(e) => set('startsOn', e.currentTarget.value)}
          error={errors.startsOn}
        />
        <TextInput
          type="date"
          label={t('smsRoles.until')}
          description={t('smsRoles.untilHint')}
          value={f.endsOn}
          onChange={(e) => set('endsOn', e.currentTarget.value)}
          error={errors.endsOn}
          data-testid="appoint-until"
        />
        <TextInput
          type="date"
          label={t('smsRoles.awayFrom')}
          value={f.awayFrom}
          onChange={(e) => set('awayFrom', e.currentTarget.value)}
          error={errors.awayFrom}
        />
        <TextInput
          type="date"
          label={t('smsRoles.awayUntil')}
          value={f.awayUntil}
          onChange={(e) => set('awayUntil', e.currentTarget.value)}
          error={errors.awayUntil}
        />
      </SimpleGrid>
      <TextInput
        label={t('smsRoles.note')}
        value={f.note}
        onChange={(e) => set('note', e.currentTarget.value)}
        error={errors.note}
      />
    </FormDialog>
  );
}
