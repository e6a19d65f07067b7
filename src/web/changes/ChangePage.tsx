import { Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Fact } from '../app/Fact.tsx';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { stateName } from '../i18n/state-name.ts';
import { FixedProblems } from '../problems/FixedProblems.tsx';
import { CommentBox } from '../records/CommentBox.tsx';
import { RelatedPanel } from '../records/RelatedPanel.tsx';
import { Timeline } from '../records/Timeline.tsx';
import { bodyOf, ChangeForm, draftOf } from './ChangeForm.tsx';
import { asks, ChangeStepDialog } from './ChangeStepDialog.tsx';
import { useChange, useChangeTransition, useUpdateChange } from './data.ts';
import { moment, outcomeColour, riskColour } from './format.ts';

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
  const change = useChange(number);
  const [step, setStep] = useState<string | null>(null);
  const [input, setInput] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<ReturnType<typeof draftOf> | null>(null);
  const quick = useChangeTransition(number, { noForm: true });
  const update = useUpdateChange(number, { onSaved: () => setEditing(null) });
  if (change.isError) return <Text c="red">{(change.error as Error).message}</Text>;
  const c = change.data;
  if (!c) return <Text c="dimmed">{t('common.loading')}</Text>;
  const fire = (name: string) =>
    quick.save({ to: c.transitions.find((x) => x.name === name)!.to, input: {}, version: c.version });
  const planOpen = ['new', 'assessment'].includes(c.state);
  const field = (k: string) => t(`changes.field.${k}`);
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
              onClick={() => (asks[tr.name] ? setStep(tr.name) : fire(tr.name))}
            >
              {t(`changes.action.${tr.name}`)}
            </Button>
          ))}
          {planOpen && c.abilities.edit && (
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
      <FixedProblems change={c} />
      <RelatedPanel
        number={c.number}
        version={c.version}
        editable={c.abilities.link}
        canAttach={c.abilities.attach}
      />
      {c.abilities.comment && <CommentBox number={c.number} canInternal={c.abilities.commentInternal} />}
      <Timeline item={{ number: c.number, version: c.version, clocks: [] }} />

      {step && (
        <ChangeStepDialog
          change={c}
          step={step}
          input={input}
          setInput={setInput}
          onClose={() => setStep(null)}
          onDone={() => {
            setStep(null);
            setInput({});
          }}
        />
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('changes.edit')} size="xl">
        {editing && (
          <ChangeForm
            draft={editing}
            onChange={setEditing}
            errors={update.errors}
            onSubmit={() => update.save({ patch: bodyOf(editing), version: c.version })}
            submitLabel={t('common.save')}
          />
        )}
      </Modal>
    </Stack>
  );
}
