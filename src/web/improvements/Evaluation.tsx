import { Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Improvement, useCriteria, useUpdateImprovement } from './data.ts';
import { scoreColour, scoreText } from './format.ts';

const marks = ['1', '2', '3', '4', '5'];

/**
 * The evaluation against the organisation's criteria: a score of 1–5 per criterion (for effort and risk a
 * lower score is better, and the weighted score turns them round), and the weighted score that ranks the
 * register, as the server weighs it. Scored by whoever may change the improvement while it is not final.
 */
export function Evaluation({ imp }: { imp: Improvement }) {
  const { t } = useTranslation();
  const c = (k: string) => t(`improvements.cols.${k}`);
  const criteria = useCriteria();
  const [edits, setEdits] = useState<Record<string, number>>({});
  const update = useUpdateImprovement(imp.id, { onSaved: () => setEdits({}) });
  // scored by the evaluators while it is proposed: the scores are the evaluation, and stand as decided
  const editable = imp.abilities.evaluate;
  const scores = { ...imp.scores, ...edits };
  const changed = Object.entries(edits).some(([k, v]) => imp.scores[k] !== v);
  // retired criteria still show where this improvement was scored by them
  const shown = (criteria.data?.items ?? []).filter((c) => !c.retired || imp.scores[c.key] !== undefined);
  return (
    <Paper withBorder p="md" data-testid="improvement-evaluation">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('improvements.evaluation')}</Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('improvements.field.score')}
          </Text>
          <Badge size="xl" color={scoreColour(imp.score)} data-testid="improvement-score">
            {scoreText(imp.score)}
          </Badge>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('improvements.scoreHelp')}
      </Text>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('improvements.noCriteria')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{c('criterion')}</Table.Th>
              <Table.Th>{c('score')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {c.name}
                    {c.retired && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({t('improvements.criteria.retired')})
                      </Text>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[
                      c.description,
                      t('improvements.weightOf', { weight: c.weight }),
                      c.higherIsBetter ? '' : t('improvements.criteria.lowerIsBetter'),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td w={260}>
                  {editable && !c.retired ? (
                    <SegmentedControl
                      size="xs"
                      aria-label={c.name}
                      data={marks}
                      value={scores[c.key] === undefined ? '' : String(scores[c.key])}
                      onChange={(v) => setEdits((x) => ({ ...x, [c.key]: Number(v) }))}
                      data-testid={`score-${c.key}`}
                    />
                  ) : (
                    <Text size="sm">{scores[c.key] ?? '—'}</Text>
                  )}
                  {update.errors[`scores.${c.key}`] && (
                    <Text size="xs" c="red" role="alert" data-testid={`score-error-${c.key}`}>
                      {update.errors[`scores.${c.key}`]}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {update.errors.scores && (
        <Text size="sm" c="red">
          {update.errors.scores}
        </Text>
      )}
      {editable && (
        <Stack gap={0} mt="sm">
          <Group>
            <Button
              size="sm"
              disabled={!changed}
              loading={update.saving}
              onClick={() => update.save({ patch: { scores }, version: imp.version })}
              data-testid="save-scores"
            >
              {t('improvements.saveScores')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
