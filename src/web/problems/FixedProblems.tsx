import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../api.ts';
import { useLinksAndFiles } from '../records/data.ts';
import { type Problem, problemKeys, useProblemTransition } from './data.ts';
import { problemStateColour } from './format.ts';

/**
 * On a change's page: the problems it fixes (problem `resolved_by` change). Once the change is done (in
 * review or closed) it offers each problem the reader may resolve, with the change's outcome as the
 * resolution to start from.
 */
export function FixedProblems(props: {
  change: { number: string; version: number; state: string; outcomeNote: string; title: string };
}) {
  const { t } = useTranslation();
  const c = props.change;
  const { links } = useLinksAndFiles(c.number, c.version);
  const numbers = links
    .filter((l) => l.kind === 'resolved_by' && l.direction === 'incoming' && /^PRB-/i.test(l.from))
    .map((l) => l.from);
  const problems = useQueries({
    queries: numbers.map((n) => ({
      queryKey: problemKeys.one(n),
      queryFn: () => get<Problem>(`/api/v1/problems/${n}`),
    })),
  });
  const [resolving, setResolving] = useState<Problem | null>(null);
  const done = c.state === 'review' || c.state === 'closed';
  const shown = problems.flatMap((q) => (q.data ? [q.data] : []));
  if (!shown.length) return null;
  return (
    <Paper withBorder p="md" data-testid="fixed-problems">
      <Title order={5} mb="xs">
        {t('problems.fixedBy', { count: shown.length })}
      </Title>
      <Stack gap="xs">
        {shown.map((p) => {
          const resolve = p.transitions.find((x) => x.name === 'resolve');
          return (
            <Group key={p.id} justify="space-between">
              <Group gap={6}>
                <Anchor component={Link} to={`/work-items/${p.number}`} size="sm" fw={600}>
                  {p.number}
                </Anchor>
                <Text size="sm">{p.title}</Text>
                <Badge size="sm" variant="light" color={problemStateColour[p.state] ?? 'gray'}>
                  {t(`problems.state.${p.state}`)}
                </Badge>
              </Group>
              {done && resolve && (
                <Button size="xs" onClick={() => setResolving(p)} data-testid={`resolve-${p.number}`}>
                  {t('problems.resolveToo', { number: p.number })}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
      {resolving && (
        <ResolveDialog
          problem={resolving}
          resolution={c.outcomeNote ? `${c.number}: ${c.outcomeNote}` : `${c.number}: ${c.title}`}
          onClose={() => setResolving(null)}
        />
      )}
    </Paper>
  );
}

function ResolveDialog(props: { problem: Problem; resolution: string; onClose: () => void }) {
  const { t } = useTranslation();
  const p = props.problem;
  const [text, setText] = useState(props.resolution);
  const fire = useProblemTransition(p.number, { onSaved: props.onClose, problemInForm: true });
  const to = p.transitions.find((x) => x.name === 'resolve')?.to ?? 'resolved';
  return (
    <Modal opened onClose={props.onClose} title={t('problems.resolveToo', { number: p.number })}>
      <Stack>
        <Textarea
          label={t('problems.field.resolution')}
          required
          autosize
          minRows={3}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={fire.errors.resolution}
          data-testid="fixed-resolution"
        />
        {fire.problem && !fire.problem.errors.length && (
          <Text c="red" size="sm">
            {fire.problem.message}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => fire.save({ to, input: { resolution: text }, version: p.version })}
            loading={fire.saving}
            data-testid="fixed-resolve"
          >
            {t('problems.action.resolve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
