import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isInternal } from '../../kernel/access/roles.ts';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { useMe } from '../auth/session.ts';
import { ClockBadge } from '../records/ClockBadge.tsx';
import { CommentBox } from '../records/CommentBox.tsx';
import { RatingPanel } from '../records/RatingPanel.tsx';
import { Timeline } from '../records/Timeline.tsx';
import { useDecide, useRequest, useRequestTransition } from './data.ts';

/** A service request: what was ordered, who approves, the tasks fulfilling it, and the requester's verdict. */
export function RequestPage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe().data!;
  const req = useRequest(number);
  const [reason, setReason] = useState('');
  const clear = { onSaved: () => setReason('') };
  const move = useRequestTransition(number, clear);
  const decide = useDecide(number, clear);
  const r = req.data;
  if (req.isError) return <Text c="red">{(req.error as Error).message}</Text>;
  if (!r) return <Text c="dimmed">{t('common.loading')}</Text>;
  const staff = isInternal(me);
  const involved = staff || r.requesterId === me.id;
  const needsReason =
    r.transitions.some((x) => x.requires.includes('reason')) || r.approvals.some((a) => a.mine);
  return (
    <Stack maw={1000}>
      <Text size="sm" c="dimmed">
        {r.number} · {r.catalogueItem.name}
      </Text>
      <Title order={2}>{r.title}</Title>
      <Group gap="xs">
        <Badge variant="outline" data-testid="request-state">
          {t(`requests.state.${r.state}`)}
        </Badge>
        {r.clocks.map((c) => (
          <ClockBadge key={`${c.scope}-${c.metric}`} clock={c} />
        ))}
      </Group>
      <Paper withBorder p="md">
        <Table>
          <Table.Tbody>
            {r.answers.map((a) => (
              <Table.Tr key={a.key}>
                <Table.Td w="35%">{a.label}</Table.Td>
                <Table.Td>{a.shown}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {r.description && <SafeHtml html={r.description} />}
      </Paper>
      {r.approvals.length > 0 && (
        <Paper withBorder p="md" data-testid="approvals">
          <Text fw={600} mb="xs">
            {t(`requests.approvals.${r.approvalMode}`)}
          </Text>
          {r.approvals.map((a) => (
            <Group key={a.id} justify="space-between">
              <Text size="sm">
                {a.approver ?? t(`roles.${a.role}`, { defaultValue: a.role ?? '' })} (
                {t(`requests.approverKind.${a.kind}`)}): <b>{t(`requests.decision.${a.decision}`)}</b>
                {a.comment ? ` — ${a.comment}` : ''}
              </Text>
              {a.mine && (
                <Group gap="xs">
                  <Button
                    size="xs"
                    onClick={() => decide.save({ id: a.id, decision: 'approved', comment: reason })}
                    data-testid={`approve-${a.id}`}
                  >
                    {t('requests.approve')}
                  </Button>
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    onClick={() => decide.save({ id: a.id, decision: 'rejected', comment: reason })}
                  >
                    {t('requests.reject')}
                  </Button>
                </Group>
              )}
            </Group>
          ))}
        </Paper>
      )}
      {r.tasks.length > 0 && (
        <Paper withBorder p="md" data-testid="tasks">
          <Text fw={600} mb="xs">
            {t('requests.tasks')}
          </Text>
          {r.tasks.map((task) => (
            <Stack key={task.number} gap={0} mb="xs">
              <Group gap="xs">
                {staff ? (
                  <Anchor component={Link} to={`/work-items/${task.number}`} size="sm">
                    {task.number}
                  </Anchor>
                ) : (
                  <Text size="sm">{task.number}</Text>
                )}
                <Text size="sm">{task.title}</Text>
                <Badge size="sm" variant="light">
                  {t(`requests.taskState.${task.state}`)}
                </Badge>
                {task.group && (
                  <Text size="xs" c="dimmed">
                    {task.group}
                  </Text>
                )}
              </Group>
              {task.instructions && (
                <Text size="xs" c="dimmed">
                  {task.instructions}
                </Text>
              )}
            </Stack>
          ))}
        </Paper>
      )}
      {(r.transitions.length > 0 || r.approvals.some((a) => a.mine)) && (
        <Paper withBorder p="md">
          <Stack gap="xs">
            {needsReason && (
              <Textarea
                label={t('incidents.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
              />
            )}
            <Group gap="xs">
              {r.transitions.map((x) => (
                <Button
                  key={x.name}
                  variant="light"
                  onClick={() =>
                    move.save({ to: x.to, reason: reason.trim() ? reason : undefined, version: r.version })
                  }
                  data-testid={`request-action-${x.name}`}
                >
                  {t(`requests.action.${x.name}`)}
                </Button>
              ))}
            </Group>
          </Stack>
        </Paper>
      )}
      <RatingPanel
        number={r.number}
        canRate={r.requesterId === me.id && (r.state === 'fulfilled' || r.state === 'closed')}
      />
      {r.abilities.comment && <CommentBox number={r.number} canInternal={r.abilities.commentInternal} />}
      {involved && <Timeline item={r} />}
    </Stack>
  );
}
