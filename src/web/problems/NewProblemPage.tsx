import { Anchor, CloseButton, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { listParam } from '../app/listParam.ts';
import { useRecordProblem } from './data.ts';
import { bodyOf, draftOf, ProblemForm } from './ProblemForm.tsx';

/**
 * Records a problem: from scratch (proactive), or from incidents the workspace chose (`?incidents=INC-1,INC-2`
 * and a proposed `title`): they are linked to it as the incidents it explains.
 */
export function NewProblemPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [incidents, setIncidents] = useState(() => listParam(params, 'incidents'));
  const [draft, setDraft] = useState(() => ({ ...draftOf(), title: params.get('title') ?? '' }));
  const [symptoms, setSymptoms] = useState('');
  const record = useRecordProblem({ onSaved: (made) => navigate(`/work-items/${made.number}`) });
  return (
    <Stack maw={900}>
      <Title order={2}>{t('problems.new')}</Title>
      {incidents.length > 0 && (
        <Paper withBorder p="md" data-testid="new-problem-incidents">
          <Text size="sm" fw={600}>
            {t('problems.fromIncidents', { count: incidents.length })}
          </Text>
          <Group gap="xs" mt="xs">
            {incidents.map((n) => (
              <Group key={n} gap={2}>
                <Anchor component={Link} to={`/work-items/${n}`} size="sm">
                  {n}
                </Anchor>
                <CloseButton
                  size="sm"
                  aria-label={t('problems.removeIncident', { number: n })}
                  onClick={() => setIncidents((xs) => xs.filter((x) => x !== n))}
                />
              </Group>
            ))}
          </Group>
          {record.errors.incidents && (
            <Text c="red" size="sm" mt="xs">
              {record.errors.incidents}
            </Text>
          )}
        </Paper>
      )}
      <Paper withBorder p="md">
        <ProblemForm
          draft={draft}
          onChange={setDraft}
          errors={record.errors}
          saving={record.saving}
          onSubmit={() =>
            record.save({
              ...bodyOf(draft),
              symptoms: symptoms || undefined,
              incidents: incidents.length ? incidents : undefined,
            })
          }
          submitLabel={t('problems.record')}
        >
          <Textarea
            label={t('problems.field.symptoms')}
            autosize
            minRows={2}
            value={symptoms}
            onChange={(e) => setSymptoms(e.currentTarget.value)}
            error={record.errors.symptoms}
          />
        </ProblemForm>
      </Paper>
    </Stack>
  );
}
