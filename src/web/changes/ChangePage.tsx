import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { changeOutcomes } from '../../modules/changes/lifecycle.ts';
import { ApiProblem, api, get } from '../api.ts';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { showProblem } from '../app/showProblem.ts';
import { stateName } from '../i18n/state-name.ts';
import { CommentBox } from '../records/CommentBox.tsx';
import { Timeline } from '../records/Timeline.tsx';
import { WorkItemLinks } from '../records/WorkItemLinks.tsx';
import { bodyOf, ChangeForm, draftOf } from './ChangeForm.tsx';
import { type Change, moment, outcomeColour, riskColour } from './types.ts';

/** The inputs each transition asks for in its dialog; those asking nothing fire at once. */
const asks: Record<string, Array<'reason' | 'note' | 'outcome' | 'outcomeNote'>> = {
  approve: ['note'],
  reject: ['reason'],
  complete: ['outcome', 'outcomeNote'],
  close: ['note'],
  cancel: ['reason'],
};

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function Plain({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text || t('changes.notGiven')}
      </Text>
    </Paper>
  );
}

/** One change: its plan, window, approval and outcome, the steps you may take now, and its timeline. */
export function ChangePage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const change = useQuery({
    queryKey: ['change', number],
    queryFn: () => get<Change>(`/api/v1/changes/${number}`),
  });
  const [step, setStep] = useState<string | null>(null);
  const [input, setInput] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<ReturnType<typeof draftOf> | null>(null);
  if (change.isError) return <Text c="red">{(change.error as Error).message}</Text>;
  const c = change.data;
  if (!c) return <Text c="dimmed">{t('common.loading')}</Text>;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['change', number] });
    await qc.invalidateQueries({ queryKey: ['changes'] });
    // a comment does not move the change's version, which the timeline is keyed by
    await qc.invalidateQueries({ queryKey: ['timeline', number] });
  };
  const fire = async (name: string, body: Record<string, string>) => {
    const to = c.transitions.find((x) => x.name === name)!.to;
    setErrors({});
    try {
      await api(`/api/v1/changes/${c.number}/transitions`, {
        method: 'POST',
        body: { to, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v.trim())) },
        headers: { 'if-match': `"${c.version}"` },
      });
      setStep(null);
      setInput({});
      await refresh();
    } catch (e) {
      // field errors belong in the dialog (a plan not ready for approval names the plan's fields there)
      if (asks[name] && e instanceof ApiProblem && e.errors.length) setErrors(e.fieldErrors());
      else showProblem(t('common.error'), e);
    }
  };
  const save = async () => {
    if (!editing) return;
    setErrors({});
    try {
      await api(`/api/v1/changes/${c.number}`, {
        method: 'PATCH',
        body: bodyOf(editing),
        headers: { 'if-match': `"${c.version}"` },
      });
      setEditing(null);
      await refresh();
    } catch (e) {
      if (e instanceof ApiProblem && e.errors.length) setErrors(e.fieldErrors());
      else showProblem(t('common.error'), e);
    }
  };
  const planOpen = ['new', 'assessment'].includes(c.state);
  const field = (k: string) => t(`changes.field.${k}`);
  const planErrors = Object.entries(errors).filter(
    ([k]) => !['reason', 'note', 'outcome', 'outcomeNote'].includes(k),
  );
  return (
    <Stack maw={1000}>
      <Text size="sm" c="dimmed">
        {c.number}
      </Text>
      <Title order={2}>{c.title}</Title>
      <Group gap="xs">
        <Badge variant="outline" data-testid="change-state">
          {stateName(t, c.state)}
        </Badge>
        <Badge variant="light">{t(`changes.kind.${c.kind}`)}</Badge>
        <Badge variant="light" color={riskColour[c.risk]}>
          {t('changes.riskLabel', { risk: t(`changes.risk.${c.risk}`) })}
        </Badge>
        {c.outcome && (
          <Badge color={outcomeColour[c.outcome]} data-testid="change-outcome">
            {t(`changes.outcome.${c.outcome}`)}
          </Badge>
        )}
      </Group>
      {(c.transitions.length > 0 || planOpen) && (
        <Group>
          {c.transitions.map((tr) => (
            <Button
              key={tr.name}
              variant={tr.name === 'cancel' || tr.name === 'reject' ? 'default' : 'light'}
              data-testid={`change-action-${tr.name}`}
              onClick={() => (asks[tr.name] ? setStep(tr.name) : fire(tr.name, {}))}
            >
              {t(`changes.action.${tr.name}`)}
            </Button>
          ))}
          {planOpen && !c.final && c.transitions.length > 0 && (
            <Button variant="subtle" onClick={() => setEditing(draftOf(c))} data-testid="change-edit">
              {t('changes.edit')}
            </Button>
          )}
        </Group>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Fact label={field('plannedStart')}>{moment(c.plannedStart)}</Fact>
          <Fact label={field('plannedEnd')}>{moment(c.plannedEnd)}</Fact>
          <Fact label={field('service')}>{c.serviceName ?? '—'}</Fact>
          <Fact label={field('cis')}>{c.cis.map((x) => x.name).join(', ') || '—'}</Fact>
          <Fact label={field('requester')}>{c.requesterName ?? '—'}</Fact>
          <Fact label={field('assignee')}>{c.assigneeName ?? c.groupName ?? '—'}</Fact>
          <Fact label={field('approved')}>
            {c.approvedBy ? `${c.approvedBy.name} · ${moment(c.approvedAt)}` : '—'}
          </Fact>
          <Fact label={field('implemented')}>{moment(c.implementedAt)}</Fact>
        </SimpleGrid>
      </Paper>
      <Plain label={field('reason')} text={c.reason} />
      {c.description && (
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed">
            {field('description')}
          </Text>
          <SafeHtml html={c.description} />
        </Paper>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Plain label={field('implementationPlan')} text={c.implementationPlan} />
        <Plain label={field('backoutPlan')} text={c.backoutPlan} />
      </SimpleGrid>
      {c.outcome && <Plain label={field('outcomeNote')} text={c.outcomeNote} />}
      <Paper withBorder p="md">
        <WorkItemLinks
          number={c.number}
          version={c.version}
          queryKey={['change', number]}
          editable={!c.final}
          canAttach={!c.final}
        />
      </Paper>
      <CommentBox number={c.number} staff onPosted={refresh} />
      <Timeline item={{ number: c.number, version: c.version, clocks: [] }} />

      <Modal
        opened={step !== null}
        onClose={() => {
          setStep(null);
          setErrors({});
        }}
        title={step ? t(`changes.action.${step}`) : ''}
      >
        {step && (
          <Stack>
            {planErrors.length > 0 && (
              <Text c="red" size="sm" data-testid="change-not-ready">
                {t('changes.notReady')}{' '}
                {planErrors
                  .map(([k, m]) => `${t(`changes.field.${k}`, { defaultValue: k })}: ${m}`)
                  .join('; ')}
              </Text>
            )}
            {asks[step]!.includes('outcome') && (
              <Select
                label={field('outcome')}
                required
                data={changeOutcomes.map((o) => ({ value: o, label: t(`changes.outcome.${o}`) }))}
                value={input.outcome ?? null}
                onChange={(v) => setInput({ ...input, outcome: v ?? '' })}
                error={errors.outcome}
                data-testid="change-outcome-select"
              />
            )}
            {asks[step]!.filter((k) => k !== 'outcome').map((k) => (
              <Textarea
                key={k}
                label={field(k)}
                required={k === 'reason'}
                autosize
                minRows={2}
                value={input[k] ?? ''}
                onChange={(e) => setInput({ ...input, [k]: e.currentTarget.value })}
                error={errors[k]}
              />
            ))}
            <Group>
              <Button onClick={() => fire(step, input)} data-testid="change-confirm">
                {t(`changes.action.${step}`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('changes.edit')} size="xl">
        {editing && (
          <ChangeForm
            draft={editing}
            onChange={setEditing}
            errors={errors}
            onSubmit={save}
            submitLabel={t('common.save')}
          />
        )}
      </Modal>
    </Stack>
  );
}
