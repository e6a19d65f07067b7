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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { editors } from '../app/navigation.ts';
import { can, useMe } from '../auth/session.ts';
import { auditStateColour } from './AuditsPage.tsx';
import { useClasses } from './classes.ts';
import { type Check, type AuditItem as Item, useCiAudit, useCloseAudit, useRecordCheck } from './data.ts';

/** One configuration audit: each sampled CI found to match or not, with the follow-up of a mismatch. */
export function AuditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const { nameOf } = useClasses();
  const audit = useCiAudit(id);
  const closing = useCloseAudit(id, { problemInForm: true });
  const a = audit.data?.data;
  if (!a) return null;
  const open = a.state === 'planned' || a.state === 'in_progress';
  const canEdit = can(me, editors.cmdb);
  const close = (action: 'complete' | 'cancel') => closing.save({ action, etag: audit.data?.etag ?? '' });
  const problem = closing.problem;
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
}) {
  const { t } = useTranslation();
  const { item } = props;
  const [mismatch, setMismatch] = useState(false);
  const [discrepancy, setDiscrepancy] = useState(item.discrepancy ?? '');
  const [followUp, setFollowUp] = useState(item.followUp ?? '');
  const check = useRecordCheck(props.auditId, item.ciId, { onSaved: () => setMismatch(false) });
  const errors = check.errors;
  const save = (body: Check) => check.save(body);
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
