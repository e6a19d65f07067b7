import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, get } from '../api.ts';
import { showProblem } from '../app/showProblem.ts';

type Task = {
  number: string;
  title: string;
  state: string;
  version: number;
  transitions: Array<{ name: string; to: string; requires: string[] }>;
  request: { number: string; title: string } | null;
  instructions: string;
};

/** A fulfilment task: its instructions from the catalogue item, its request, and start / complete / cancel. */
export function TaskPage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const task = useQuery({ queryKey: ['task', number], queryFn: () => get<Task>(`/api/v1/tasks/${number}`) });
  const [reason, setReason] = useState('');
  if (task.isError) return <Text c="red">{(task.error as Error).message}</Text>;
  const x = task.data;
  if (!x) return <Text c="dimmed">{t('common.loading')}</Text>;
  const fire = async (name: string) => {
    try {
      await api(`/api/v1/work-items/${x.number}/transitions/${name}`, {
        method: 'POST',
        body: reason.trim() ? { reason } : {},
        headers: { 'if-match': `"${x.version}"` },
      });
      setReason('');
      await qc.invalidateQueries({ queryKey: ['task', number] });
      await qc.invalidateQueries({ queryKey: ['request', x.request?.number] });
    } catch (e) {
      showProblem(t('common.error'), e);
    }
  };
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
