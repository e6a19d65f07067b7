import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AuditSummary } from '../../modules/cmdb/index.ts';
import { ApiProblem, api, get } from '../api.ts';
import { editors } from '../app/navigation.ts';
import { can, useMe } from '../auth/session.ts';
import { useClasses } from './classes.ts';

export const auditStateColour = {
  planned: 'blue',
  in_progress: 'orange',
  completed: 'green',
  cancelled: 'gray',
} as const;

export function AuditsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { nameOf } = useClasses();
  const [planning, setPlanning] = useState(false);
  const list = useQuery({
    queryKey: ['ci-audits'],
    queryFn: () => get<{ items: AuditSummary[] }>('/api/v1/ci-audits'),
  });
  const completed = (list.data?.items ?? [])
    .filter((a) => a.state === 'completed' && a.accuracy !== null)
    .reverse();
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('audits.title')}</Title>
        {can(me, editors.cmdb) && <Button onClick={() => setPlanning(true)}>{t('audits.new')}</Button>}
      </Group>
      <Text c="dimmed" size="sm">
        {t('audits.intro')}
      </Text>
      {completed.length > 0 && (
        <Stack gap={4}>
          <Title order={4}>{t('audits.trend')}</Title>
          {completed.map((a) => (
            <Group key={a.id} gap="sm" wrap="nowrap">
              <Text size="sm" w={110}>
                {a.completedAt ? new Date(a.completedAt).toLocaleDateString(i18n.language) : ''}
              </Text>
              <Progress
                value={a.accuracy ?? 0}
                w={300}
                color={(a.accuracy ?? 0) >= 95 ? 'green' : (a.accuracy ?? 0) >= 85 ? 'yellow' : 'red'}
              />
              <Text size="sm">
                {a.accuracy}% · {a.title}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {list.data && list.data.items.length === 0 ? (
        <Text>{t('audits.empty')}</Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audits.titleField')}</Table.Th>
              <Table.Th>{t('audits.plannedFor')}</Table.Th>
              <Table.Th>{t('cis.class')}</Table.Th>
              <Table.Th>{t('audits.state')}</Table.Th>
              <Table.Th>{t('audits.progress')}</Table.Th>
              <Table.Th>{t('audits.accuracy')}</Table.Th>
              <Table.Th>{t('audits.followUps')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((a) => (
              <Table.Tr
                key={a.id}
                onClick={() => navigate(`/cmdb/audits/${a.id}`)}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td>
                  <Anchor component={Link} to={`/cmdb/audits/${a.id}`} onClick={(e) => e.stopPropagation()}>
                    {a.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.plannedFor}</Table.Td>
                <Table.Td>{a.classKey ? nameOf(a.classKey) : '–'}</Table.Td>
                <Table.Td>
                  <Badge color={auditStateColour[a.state]} variant="light">
                    {t(`audits.states.${a.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {a.checked} / {a.items}
                </Table.Td>
                <Table.Td>{a.accuracy === null ? '–' : `${a.accuracy}%`}</Table.Td>
                <Table.Td>{a.openFollowUps}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {planning && (
        <PlanAudit onClose={() => setPlanning(false)} onSaved={(id) => navigate(`/cmdb/audits/${id}`)} />
      )}
    </Stack>
  );
}

function PlanAudit({ onClose, onSaved }: { onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { classes, nameOf } = useClasses();
  const [title, setTitle] = useState('');
  const [classKey, setClassKey] = useState<string | null>(null);
  const [sampleSize, setSampleSize] = useState<number | string>('');
  const [plannedFor, setPlannedFor] = useState(new Date().toISOString().slice(0, 10));
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const { data } = await api<{ id: string }>('/api/v1/ci-audits', {
        method: 'POST',
        body: { title, classKey, sampleSize: typeof sampleSize === 'number' ? sampleSize : null, plannedFor },
      });
      await qc.invalidateQueries({ queryKey: ['ci-audits'] });
      onClose();
      onSaved(data.id);
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
    }
  };
  const f = problem?.fieldErrors() ?? {};
  return (
    <Modal opened onClose={onClose} title={t('audits.new')}>
      <form onSubmit={submit}>
        <Stack>
          {problem && !problem.errors.length && <Alert color="red">{problem.message}</Alert>}
          <TextInput
            label={t('audits.titleField')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={f.title}
          />
          <Select
            label={t('audits.class')}
            data={classes.map((c) => ({ value: c.key, label: nameOf(c.key) }))}
            value={classKey}
            onChange={setClassKey}
            clearable
            searchable
            error={f.classKey}
          />
          <NumberInput
            label={t('audits.sample')}
            min={1}
            max={10000}
            value={sampleSize}
            onChange={setSampleSize}
            error={f.sampleSize}
          />
          <TextInput
            type="date"
            label={t('audits.plannedFor')}
            required
            value={plannedFor}
            onChange={(e) => setPlannedFor(e.currentTarget.value)}
            error={f.plannedFor}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t('audits.plan')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
