import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checklistAnswers } from '../../modules/audits/lifecycle.ts';
import { formatInstant } from '../app/dates.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import {
  type AuditPage,
  type ChecklistItem,
  type EvidenceRef,
  sentEvidence,
  useAddQuestion,
  useRemoveItem,
  useUpdateItem,
} from './data.ts';
import { EvidenceEditor, EvidenceList } from './EvidenceEditor.tsx';
import { answerColour, byClause } from './format.ts';

type Answer = NonNullable<ChecklistItem['answer']>;

/** One question: its answer, notes and evidence (while the team may answer), or what was answered. */
function ItemCard(props: { audit: AuditPage; item: ChecklistItem; onRaise: (item: ChecklistItem) => void }) {
  const { t, i18n } = useTranslation();
  const { audit, item } = props;
  const [f, setF] = useState({
    answer: item.answer,
    notes: item.notes,
    evidence: item.evidence as EvidenceRef[],
  });
  const [editing, setEditing] = useState(false);
  const update = useUpdateItem(audit.id);
  const remove = useRemoveItem(audit.id);
  const dirty =
    f.answer !== item.answer ||
    f.notes !== item.notes ||
    JSON.stringify(f.evidence) !== JSON.stringify(item.evidence);
  const fromItem = audit.findingList.filter((x) => x.checklistItemId === item.id);
  const save = () =>
    update.save({
      itemId: item.id,
      version: item.version,
      body: { answer: f.answer, notes: f.notes, evidence: sentEvidence(f.evidence) },
    });
  return (
    <Paper withBorder p="sm" data-testid={`item-${item.id}`} data-clause={item.clause}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" fw={500}>
          {item.question}
        </Text>
        <Group gap={4} wrap="nowrap">
          {item.answer && (
            <Badge color={answerColour[item.answer]} variant="light">
              {t(`internalAudits.answers.${item.answer}`)}
            </Badge>
          )}
          {audit.abilities.editChecklist && (
            <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
              {t('internalAudits.editQuestion')}
            </Button>
          )}
          {audit.abilities.editChecklist && !fromItem.length && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              onClick={() =>
                window.confirm(t('internalAudits.removeQuestionConfirm')) && remove.save(item.id)
              }
            >
              {t('internalAudits.removeQuestion')}
            </Button>
          )}
        </Group>
      </Group>
      {audit.abilities.answer ? (
        <Stack gap={6} mt="xs">
          <SegmentedControl
            size="xs"
            w="fit-content"
            aria-label={t('internalAudits.answer')}
            value={f.answer ?? ''}
            onChange={(v) => setF((x) => ({ ...x, answer: v as Answer }))}
            data={checklistAnswers.map((a) => ({ value: a, label: t(`internalAudits.answers.${a}`) }))}
            data-testid="item-answer"
          />
          <Textarea
            aria-label={t('internalAudits.notes')}
            placeholder={t('internalAudits.notes')}
            autosize
            minRows={1}
            value={f.notes}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setF((x) => ({ ...x, notes: value }));
            }}
            error={update.errors.notes}
            data-testid="item-notes"
          />
          <EvidenceEditor
            bare
            value={f.evidence}
            onChange={(evidence) => setF((x) => ({ ...x, evidence }))}
            errors={update.errors}
          >
            <Button
              size="xs"
              onClick={save}
              disabled={!dirty}
              loading={update.saving}
              data-testid="item-save"
            >
              {t('common.save')}
            </Button>
            <Button
              size="xs"
              variant="light"
              color="orange"
              onClick={() => props.onRaise(item)}
              data-testid="item-raise"
            >
              {t('internalAudits.raiseFinding')}
            </Button>
          </EvidenceEditor>
        </Stack>
      ) : (
        <Stack gap={4} mt={4}>
          {item.notes && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {item.notes}
            </Text>
          )}
          <EvidenceList evidence={item.evidence} />
        </Stack>
      )}
      {(item.answeredBy || fromItem.length > 0) && (
        <Text size="xs" c="dimmed" mt={4}>
          {item.answeredBy &&
            item.answeredAt &&
            t('internalAudits.answeredBy', {
              name: item.answeredBy,
              at: formatInstant(item.answeredAt, 'short', i18n.language),
            })}
          {fromItem.length > 0 &&
            ` · ${t('internalAudits.findingsFromItem')}: ${fromItem.map((x) => x.code).join(', ')}`}
        </Text>
      )}
      {editing && <QuestionDialog audit={audit} item={item} onClose={() => setEditing(false)} />}
    </Paper>
  );
}

/** Adding a question, or rewording one (and the clause it asks about). */
function QuestionDialog(props: {
  audit: AuditPage;
  item?: ChecklistItem;
  clause?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [clause, setClause] = useState(props.item?.clause ?? props.clause ?? '');
  const [question, setQuestion] = useState(props.item?.question ?? '');
  const add = useAddQuestion(props.audit.id, { onSaved: props.onClose });
  const update = useUpdateItem(props.audit.id, { onSaved: props.onClose });
  const m = props.item ? update : add;
  const save = () =>
    props.item
      ? update.save({ itemId: props.item.id, version: props.item.version, body: { clause, question } })
      : add.save({ clause, question });
  return (
    <FormDialog
      title={props.item ? t('internalAudits.editQuestion') : t('internalAudits.addQuestion')}
      size="lg"
      onClose={props.onClose}
      onSave={save}
      saving={m.saving}
      saveTestId="question-save"
    >
      <TextInput
        label={t('internalAudits.clause')}
        required
        value={clause}
        onChange={(e) => setClause(e.currentTarget.value)}
        error={m.errors.clause}
      />
      <Textarea
        label={t('internalAudits.question')}
        required
        autosize
        minRows={2}
        value={question}
        onChange={(e) => setQuestion(e.currentTarget.value)}
        error={m.errors.question}
        data-testid="question-text"
      />
    </FormDialog>
  );
}

/**
 * The audit's checklist grouped by clause, in the register's order: each question answered conformity,
 * observation, finding or not applicable, with notes and evidence; the team may reword, add and remove
 * questions while the audit allows it, and raise a finding from any question.
 */
export function Checklist(props: {
  audit: AuditPage;
  titles: Record<string, string>;
  onRaise: (item: ChecklistItem) => void;
}) {
  const { t } = useTranslation();
  const { audit } = props;
  const [adding, setAdding] = useState<string | null>(null);
  const groups = new Map<string, ChecklistItem[]>();
  for (const item of [...audit.checklist].sort((a, b) => a.position - b.position))
    groups.set(item.clause, [...(groups.get(item.clause) ?? []), item]);
  const clauses = [...groups.keys()].sort(byClause);
  return (
    <Stack data-testid="checklist">
      <Group justify="space-between">
        <Title order={3}>{t('internalAudits.checklist')}</Title>
        <Text size="sm" c="dimmed">
          {t('internalAudits.answeredOf', { answered: audit.answered, total: audit.checklistItems })}
        </Text>
      </Group>
      {!clauses.length && <Text c="dimmed">{t('internalAudits.noQuestions')}</Text>}
      {clauses.map((clause) => (
        <Stack key={clause} gap="xs" data-testid={`clause-${clause}`}>
          <Group justify="space-between">
            <Title order={4}>
              {clause} {props.titles[clause] ?? ''}
            </Title>
            {audit.abilities.editChecklist && (
              <Button size="compact-xs" variant="subtle" onClick={() => setAdding(clause)}>
                {t('internalAudits.addQuestion')}
              </Button>
            )}
          </Group>
          {groups.get(clause)!.map((item) => (
            <ItemCard key={`${item.id}-${item.version}`} audit={audit} item={item} onRaise={props.onRaise} />
          ))}
        </Stack>
      ))}
      {audit.abilities.editChecklist && (
        <Button variant="light" w="fit-content" onClick={() => setAdding('')} data-testid="add-question">
          {t('internalAudits.addQuestionOther')}
        </Button>
      )}
      {adding !== null && <QuestionDialog audit={audit} clause={adding} onClose={() => setAdding(null)} />}
    </Stack>
  );
}
