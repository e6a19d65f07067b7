import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AuditItem, AuditSummary } from '../../modules/cmdb/index.ts';
import { ApiProblem, api } from '../api.ts';
import { editors } from '../app/navigation.ts';
import { can, useMe } from '../auth/session.ts';
import { auditStateColour } from './AuditsPage.tsx';
import { useClasses } from './classes.ts';

type Item = AuditItem;
type Audit = AuditSummary & { ciItems: Item[] };

export function AuditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe().data;
  const qc = useQueryClient();
  const { nameOf } = useClasses();
  const audit = useQuery({
    queryKey: ['ci-audit', id],
    queryFn: () => api<Audit>(`/api/v1/ci-audits/${id}`),
  });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const a = audit.data?.data;
  if (!a) return null;
  const open = a.state === 'planned' || a.state === 'in_progress';
  const canEdit = can(me, editors.cmdb);
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['ci-audit', id] }),
      qc.invalidateQueries({ queryKey: ['ci-audits'] }),
    ]);
  const close = async (action: 'complete' | 'cancel') => {
    setProblem(null);
    try {
      await api(`/api/v1/ci-audits/${id}/${action}`, {
        method: 'POST',
        headers: { 'if-match': audit.data?.etag ?? '' },
      });
      await refresh();
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
    }
  };
  return (
    <Stack maw={1300}>
      <Group justify="space-between">
        <Group>
          <Title order={2}>{a.title}</Title>
          <Badge color={auditStateColour[a.state]} variant="light">
            {t(`audits.states.${a.state}`)}
          </Badge>
        </Group>
        {canEdit && open && (
          <Group>
            <Button variant="default" color="red" onClick={() => close('cancel')}>
              {t('audits.cancel')}
            </Button>
            <Button onClick={() => close('complete')} disabled={a.checked < a.items}>
              {t('audits.complete')}
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm">
        {t('audits.progress')}: {a.checked} / {a.items} · {t('audits.accuracy')}:{' '}
        {a.accuracy === null ? '–' : `${a.accuracy}%`} · {t('audits.followUps')}: {a.openFollowUps}
      </Text>
      {problem && (
        <Alert color="red">{problem.errors.map((e) => e.message).join('; ') || problem.message}</Alert>
      )}
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audits.ci')}</Table.Th>
            <Table.Th>{t('cis.class')}</Table.Th>
            <Table.Th>{t('audits.record')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.ciItems.map((i) => (
            <ItemRow
              key={i.ciId}
              auditId={a.id}
              item={i}
              className={nameOf(i.classKey)}
              editable={canEdit && open}
              followUpEditable={canEdit}
              onSaved={refresh}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ItemRow(props: {
  auditId: string;
  item: Item;
  className: string;
  editable: boolean;
  followUpEditable: boolean;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { item } = props;
  const [mismatch, setMismatch] = useState(false);
  const [discrepancy, setDiscrepancy] = useState(item.discrepancy ?? '');
  const [followUp, setFollowUp] = useState(item.followUp ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async (body: object) => {
    try {
      await api(`/api/v1/ci-audits/${props.auditId}/items/${item.ciId}`, { method: 'PUT', body });
      setErrors({});
      setMismatch(false);
      await props.onSaved();
    } catch (e) {
      if (e instanceof ApiProblem) setErrors(e.fieldErrors());
    }
  };
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/cis/${item.ciId}`}>
          {item.name}
        </Anchor>
      </Table.Td>
      <Table.Td>{props.className}</Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Group gap="xs">
            {item.result === null ? (
              <Badge color="gray" variant="outline">
                {t('audits.notChecked')}
              </Badge>
            ) : (
              <Badge color={item.result === 'match' ? 'green' : 'red'} variant="light">
                {t(`audits.${item.result}`)}
              </Badge>
            )}
            {props.editable && (
              <>
                <Button
                  size="compact-xs"
                  variant="light"
                  color="green"
                  onClick={() => save({ result: 'match' })}
                >
                  {t('audits.match')}
                </Button>
                <Button size="compact-xs" variant="light" color="red" onClick={() => setMismatch(true)}>
                  {t('audits.mismatch')}
                </Button>
              </>
            )}
          </Group>
          {item.result === 'mismatch' && !mismatch && (
            <Text size="xs">
              {item.discrepancy} → {item.followUp}
            </Text>
          )}
          {item.result === 'mismatch' && props.followUpEditable && (
            <Checkbox
              size="xs"
              label={t('audits.followUpDone')}
              checked={item.followUpDone}
              onChange={(e) => save({ followUpDone: e.currentTarget.checked })}
            />
          )}
          {mismatch && (
            <Group align="flex-end">
              <Textarea
                label={t('audits.discrepancy')}
                value={discrepancy}
                onChange={(e) => setDiscrepancy(e.currentTarget.value)}
                error={errors.discrepancy}
                autosize
                w={260}
              />
              <Textarea
                label={t('audits.followUp')}
                value={followUp}
                onChange={(e) => setFollowUp(e.currentTarget.value)}
                error={errors.followUp}
                autosize
                w={260}
              />
              <Button size="xs" onClick={() => save({ result: 'mismatch', discrepancy, followUp })}>
                {t('audits.record')}
              </Button>
            </Group>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
