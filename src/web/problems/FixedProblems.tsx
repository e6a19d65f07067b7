import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { openProblemStates } from '../../modules/problems/lifecycle.ts';
import { problemManagers } from '../../modules/problems/policy.ts';
import { can, useMe } from '../auth/session.ts';
import { type ProblemRow, useProblem, useProblemsFixedBy, useProblemTransition } from './data.ts';
import { problemStateColour } from './format.ts';

/** States a problem is resolved from: the open ones. */
const resolvable = openProblemStates as readonly string[];

/**
 * On a change's page: the problems it fixes (problem `resolved_by` change). Once the change is done (in
 * review or closed) it offers a problem manager to resolve each one still open, with the change's outcome as
 * the resolution to start from.
 */
export function FixedProblems(props: {
  change: { number: string; state: string; outcomeNote: string; title: string };
}) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const c = props.change;
  const fixed = useProblemsFixedBy(c.number);
  const [resolving, setResolving] = useState<ProblemRow | null>(null);
  const done = c.state === 'review' || c.state === 'closed';
  const manager = can(me, problemManagers);
  const rows = fixed.data?.items ?? [];
  if (!rows.length) return null;
  return (
    <Paper withBorder p="md" data-testid="fixed-problems">
      <Title order={5} mb="xs">
        {t('problems.fixedBy', { count: rows.length })}
      </Title>
      <Stack gap="xs">
        {rows.map((p) => (
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
            {done && manager && resolvable.includes(p.state) && (
              <Button size="xs" onClick={() => setResolving(p)} data-testid={`resolve-${p.number}`}>
                {t('problems.resolveToo', { number: p.number })}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      {done && manager && rows.some((p) => resolvable.includes(p.state)) && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('problems.fixDone')}
        </Text>
      )}
      {resolving && (
        <ResolveDialog
          number={resolving.number}
          resolution={c.outcomeNote ? `${c.number}: ${c.outcomeNote}` : `${c.number}: ${c.title}`}
          onClose={() => setResolving(null)}
        />
      )}
    </Paper>
  );
}

/** Resolves a problem the change fixed: the resolution, at the problem's version as read now. */
function ResolveDialog(props: { number: string; resolution: string; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem(props.number);
  const [text, setText] = useState(props.resolution);
  const fire = useProblemTransition(props.number, { onSaved: props.onClose, problemInForm: true });
  const p = problem.data;
  const to = p?.transitions.find((x) => x.name === 'resolve')?.to ?? 'resolved';
  return (
    <Modal opened onClose={props.onClose} title={t('problems.resolveToo', { number: props.number })}>
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
            onClick={() => p && fire.save({ to, input: { resolution: text }, version: p.version })}
            loading={fire.saving}
            disabled={!p}
            data-testid="fixed-resolve"
          >
            {t('problems.action.resolve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
