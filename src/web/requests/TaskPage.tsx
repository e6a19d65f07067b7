import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useTask, useTaskTransition } from './data.ts';

/** A fulfilment task: its instructions from the catalogue item, its request, and start / complete / cancel. */
export function TaskPage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();
  const task = useTask(number);
  const [reason, setReason] = useState('');
  const step = useTaskTransition(number, task.data?.request?.number, { onSaved: () => setReason('') });
  if (task.isError) return <Text c="red">{(task.error as Error).message}</Text>;
  const x = task.data;
  if (!x) return <Text c="dimmed">{t('common.loading')}</Text>;
  const fire = (name: string) =>
    step.save({ name, reason: reason.trim() ? reason : undefined, version: x.version });
  return (
    <Stack maw={900}>
      {x.request && (
        <Anchor component={Link} to={`/work-items/${x.request.number}`} size="sm">
          {x.request.number} · {x.request.title}
        </Anchor>
      )}
      <Title order={2}>{x.title}</Title>
      <Badge variant="outline" data-testid="task-state">
        {t(`requests.taskState.${x.state}`)}
      </Badge>
      <Paper withBorder p="md">
        <Text size="xs" c="dimmed">
          {t('requests.instructions')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {x.instructions || '—'}
        </Text>
      </Paper>
      {x.transitions.length > 0 && (
        <Group align="flex-end">
          {x.transitions.some((tr) => tr.requires.includes('reason')) && (
            <Textarea
              label={t('incidents.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              w={360}
            />
          )}
          {x.transitions.map((tr) => (
            <Button
              key={tr.name}
              variant="light"
              onClick={() => fire(tr.name)}
              data-testid={`task-action-${tr.name}`}
            >
              {t(`requests.taskAction.${tr.name}`)}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}
