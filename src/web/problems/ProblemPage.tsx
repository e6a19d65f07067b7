import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { changeRecorders } from '../../modules/changes/policy.ts';
import { openProblemStates } from '../../modules/problems/lifecycle.ts';
import { formatInstant } from '../app/dates.ts';
import { Fact } from '../app/Fact.tsx';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { can, useMe } from '../auth/session.ts';
import { stateName } from '../i18n/state-name.ts';
import { ArticlesPanel } from '../knowledge/IncidentArticles.tsx';
import { CommentBox } from '../records/CommentBox.tsx';
import { RelatedPanel } from '../records/RelatedPanel.tsx';
import { Timeline } from '../records/Timeline.tsx';
import { type TransitionChoice, TransitionDialog } from '../records/TransitionDialog.tsx';
import { priorityColour } from '../servicedesk/options.ts';
import { type Problem, useLinkItems, useProblem, useProblemTransition, useUpdateProblem } from './data.ts';
import { unsaved, useFieldDrafts } from './drafts.ts';
import { problemStateColour } from './format.ts';
import { bodyOf, draftOf, ProblemForm } from './ProblemForm.tsx';
import { RaiseChangeDialog } from './RaiseChangeDialog.tsx';
import { type Rca, RcaSection, rcaOf } from './RcaSection.tsx';
import { type Workaround, WorkaroundSection, workaroundOf } from './WorkaroundSection.tsx';

/** A fix is raised while the problem is still open: not once it is resolved, closed or cancelled. */
const stillOpen = (state: string) => (openProblemStates as readonly string[]).includes(state);

/** Transitions that ask for nothing are taken at once; the others open the dialog. */
const asks = (tr: TransitionChoice) =>
  tr.requires.length > 0 || tr.name === 'known_error' || tr.name === 'resolve';

/** One problem: its facts, root-cause analysis, workaround, resolution, incidents and fixes, and its timeline. */
export function ProblemPage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe().data!;
  const problem = useProblem(number);
  const [step, setStep] = useState<TransitionChoice | null>(null);
  const [editing, setEditing] = useState<ReturnType<typeof draftOf> | null>(null);
  const [raising, setRaising] = useState(false);
  // what is typed in the analysis and workaround but not saved: kept across saves, and the known-error
  // dialog starts from it; once a transition saved a field, its edit is the dialog's and is done
  const rca = useFieldDrafts<Rca>(number);
  const workaround = useFieldDrafts<Workaround>(number);
  const fire = useProblemTransition(number, {
    onSaved: (_, sent) => {
      rca.forget(Object.keys(sent.input));
      workaround.forget(Object.keys(sent.input));
    },
  });
  const quick = useProblemTransition(number, { noForm: true });
  const update = useUpdateProblem(number, { onSaved: () => setEditing(null) });
  if (problem.isError) return <Text c="red">{(problem.error as Error).message}</Text>;
  const p = problem.data;
  if (!p) return <Text c="dimmed">{t('common.loading')}</Text>;
  const field = (k: string) => t(`problems.field.${k}`);
  return (
    <Stack maw={1300}>
      <Group gap="xs">
        <Anchor component={Link} to="/problems" size="sm">
          {t('nav.problems')}
        </Anchor>
        <Text size="sm" c="dimmed">
          / {p.number}
        </Text>
      </Group>
      <Title order={2}>{p.title}</Title>
      <Group gap="xs">
        <Badge variant="light" color={problemStateColour[p.state] ?? 'gray'} data-testid="problem-state">
          {t(`problems.state.${p.state}`)}
        </Badge>
        {p.priority && <Badge color={priorityColour(p.priority)}>P{p.priority}</Badge>}
        <Badge variant="outline">{t(`problems.origin.${p.origin}`)}</Badge>
      </Group>
      {(p.transitions.length > 0 || (p.abilities.edit && !p.final)) && (
        <Group>
          {p.transitions.map((tr) => (
            <Button
              key={tr.name}
              variant={tr.name === 'cancel' ? 'default' : 'light'}
              data-testid={`problem-action-${tr.name}`}
              onClick={() =>
                asks(tr) ? setStep(tr) : quick.save({ to: tr.to, input: {}, version: p.version })
              }
            >
              {t(`problems.action.${tr.name}`)}
            </Button>
          ))}
          {p.abilities.edit && !p.final && (
            <Button variant="subtle" onClick={() => setEditing(draftOf(p))} data-testid="problem-edit">
              {t('problems.edit')}
            </Button>
          )}
        </Group>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                <Fact label={field('service')}>{p.serviceName ?? '—'}</Fact>
                <Fact label={field('cis')}>{p.cis.map((c) => c.name).join(', ') || '—'}</Fact>
                <Fact label={field('assignee')}>{p.assigneeName ?? '—'}</Fact>
                <Fact label={field('created')}>{formatInstant(p.createdAt, 'medium')}</Fact>
                {p.knownErrorAt && (
                  <Fact label={field('knownErrorAt')}>{formatInstant(p.knownErrorAt, 'medium')}</Fact>
                )}
                {p.resolvedAt && (
                  <Fact label={field('resolvedAt')}>{formatInstant(p.resolvedAt, 'medium')}</Fact>
                )}
                {p.closedAt && <Fact label={field('closedAt')}>{formatInstant(p.closedAt, 'medium')}</Fact>}
              </SimpleGrid>
              {p.description && (
                <Stack gap={0} mt="sm">
                  <Text size="xs" c="dimmed">
                    {field('description')}
                  </Text>
                  <SafeHtml html={p.description} />
                </Stack>
              )}
            </Paper>
            {p.resolution && (
              <Paper withBorder p="md" data-testid="problem-resolution">
                <Title order={4} mb="xs">
                  {field('resolution')}
                </Title>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.resolution}
                </Text>
              </Paper>
            )}
            <RcaSection problem={p} drafts={rca} />
            <WorkaroundSection problem={p} drafts={workaround} />
            {p.abilities.comment && (
              <CommentBox number={p.number} canInternal={p.abilities.commentInternal} />
            )}
            <Timeline item={{ number: p.number, version: p.version, clocks: [] }} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <ProblemLinks
              problem={p}
              mayRaise={can(me, changeRecorders) && p.abilities.manage && stillOpen(p.state)}
              onRaise={() => setRaising(true)}
            />
            <ArticlesPanel item={p} proposeFromResolution={false} />
            <RelatedPanel
              number={p.number}
              version={p.version}
              editable={p.abilities.link}
              canAttach={p.abilities.attach}
            />
          </Stack>
        </Grid.Col>
      </Grid>

      <TransitionDialog
        transition={step}
        title={(tr) => t(`problems.action.${tr.name}`)}
        fire={fire}
        version={p.version}
        onClose={() => setStep(null)}
        initial={(tr) => {
          if (tr.name !== 'known_error') return {};
          const cause = unsaved(rcaOf(p), rca.edits).cause;
          const text = unsaved(workaroundOf(p), workaround.edits).workaround;
          return {
            ...(cause === undefined ? {} : { cause }),
            ...(text === undefined ? {} : { workaround: text }),
          };
        }}
        fields={({ transition, input, set, errors }) => (
          <>
            {transition.name === 'known_error' && (
              <>
                <Text size="sm" c="dimmed">
                  {t('problems.knownErrorNeeds')}
                </Text>
                <Textarea
                  label={field('cause')}
                  autosize
                  minRows={2}
                  value={input.cause ?? p.cause}
                  onChange={(e) => set('cause', e.currentTarget.value)}
                  error={errors.cause}
                  data-testid="transition-cause"
                />
                <Textarea
                  label={field('workaround')}
                  autosize
                  minRows={2}
                  value={input.workaround ?? p.workaround}
                  onChange={(e) => set('workaround', e.currentTarget.value)}
                  error={errors.workaround}
                  data-testid="transition-workaround"
                />
              </>
            )}
            {(transition.name === 'resolve' || transition.requires.includes('resolution')) && (
              <Textarea
                label={field('resolution')}
                autosize
                minRows={3}
                value={input.resolution ?? ''}
                onChange={(e) => set('resolution', e.currentTarget.value)}
                error={errors.resolution}
                data-testid="transition-resolution"
              />
            )}
          </>
        )}
      />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('problems.edit')} size="xl">
        {editing && (
          <ProblemForm
            draft={editing}
            onChange={setEditing}
            errors={update.errors}
            saving={update.saving}
            onSubmit={() => update.save({ patch: bodyOf(editing), version: p.version })}
            submitLabel={t('common.save')}
          />
        )}
      </Modal>
      {raising && <RaiseChangeDialog problem={p} onClose={() => setRaising(false)} />}
    </Stack>
  );
}

/** The incidents a problem explains (incident `caused_by` problem) and the changes that fix it. */
function ProblemLinks(props: { problem: Problem; mayRaise: boolean; onRaise: () => void }) {
  const { t } = useTranslation();
  const p = props.problem;
  const [incident, setIncident] = useState('');
  const link = useLinkItems();
  const addIncident = async () => {
    if (await link.save({ from: incident.trim().toUpperCase(), to: p.number, kind: 'caused_by' }))
      setIncident('');
  };
  const refs = (items: Problem['incidents'], testId: string) => (
    <Stack gap={4} data-testid={testId}>
      {items.map((r) => (
        <Group key={r.number} gap={6} wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/work-items/${r.number}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
            {r.number}
          </Anchor>
          <Text size="sm" style={{ flex: 1, minWidth: 0 }} lineClamp={2} title={r.title}>
            {r.title}
          </Text>
          <Badge size="xs" variant="outline" style={{ flexShrink: 0 }}>
            {stateName(t, r.state)}
          </Badge>
        </Group>
      ))}
    </Stack>
  );
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={5}>{t('problems.incidents', { count: p.incidents.length })}</Title>
        {p.incidents.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('problems.noIncidents')}
          </Text>
        )}
        {refs(p.incidents, 'problem-incidents')}
        {p.abilities.link && !p.final && (
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              w={140}
              placeholder="INC-000123"
              aria-label={t('problems.incidentNumber')}
              value={incident}
              onChange={(e) => setIncident(e.currentTarget.value)}
            />
            <Button size="xs" variant="light" disabled={!incident.trim()} onClick={addIncident}>
              {t('problems.linkIncident')}
            </Button>
          </Group>
        )}
        <Title order={5} mt="sm">
          {t('problems.fixes')}
        </Title>
        {p.changes.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('problems.noFixes')}
          </Text>
        )}
        {refs(p.changes, 'problem-changes')}
        {props.mayRaise && (
          <Group>
            <Button size="xs" variant="light" onClick={props.onRaise} data-testid="raise-change">
              {t('problems.raiseChange')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
