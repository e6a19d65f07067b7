import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { findingKinds, nonconformityKinds } from '../../modules/audits/lifecycle.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import {
  type ChecklistItem,
  type EvidenceRef,
  type Finding,
  nonconformityPath,
  sentEvidence,
  useRaiseFinding,
} from './data.ts';
import { EvidenceEditor } from './EvidenceEditor.tsx';
import { byClause } from './format.ts';

// the fields the dialog shows its errors at; any other field's error goes in an alert
const shownFields = ['kind', 'clause', 'processKey', 'title', 'statement'];

/**
 * Raising a finding, from a checklist item or on its own: kind, clause, statement and evidence. A
 * nonconformity raises its NC work item at once; the dialog then says which, with a link. An opportunity for
 * improvement may go to the improvement register straight away.
 */
export function FindingDialog(props: {
  auditId: string;
  /** The clauses of the audit's scope and checklist, to file it under. */
  clauses: string[];
  processes: string[];
  item?: ChecklistItem;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { item } = props;
  const [f, setF] = useState({
    kind: 'minor_nc' as Finding['kind'],
    clause: item?.clause ?? props.clauses[0] ?? '',
    processKey: null as string | null,
    title: '',
    statement: item?.notes ?? '',
    evidence: (item?.evidence ?? []) as EvidenceRef[],
    toImprovements: false,
  });
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const [raised, setRaised] = useState<Finding | null>(null);
  const raise = useRaiseFinding({ problemInForm: true, onSaved: (made) => setRaised(made) });
  const { errors, problem } = raise;
  // field errors the form has no field for (checklistItemId, auditId, toImprovements…) would otherwise vanish
  const unshown = Object.entries(errors).filter(
    ([k]) => !shownFields.includes(k) && !/^evidence\.\d+\.(ref|label|kind)$/.test(k),
  );
  const save = () =>
    raise.save({
      auditId: props.auditId,
      checklistItemId: item?.id ?? null,
      kind: f.kind,
      clause: f.clause,
      processKey: f.processKey,
      title: f.title,
      statement: f.statement,
      evidence: sentEvidence(f.evidence),
      toImprovements: f.kind === 'ofi' && f.toImprovements,
    });
  const done = raised && (
    <Stack data-testid="finding-raised">
      <Text>{t('internalAudits.findingRaised', { code: raised.code })}</Text>
      {raised.nonconformityNumber && (
        <Alert color="orange" title={t('internalAudits.ncRaisedTitle')}>
          {t('internalAudits.ncRaised')}{' '}
          <Anchor
            component={Link}
            to={nonconformityPath(raised.nonconformityNumber)}
            data-testid="finding-nc"
          >
            {raised.nonconformityNumber}
          </Anchor>
        </Alert>
      )}
      {raised.improvementId && <Text size="sm">{t('internalAudits.sentToImprovements')}</Text>}
      <Group justify="flex-end">
        <Button onClick={props.onClose} data-testid="finding-done">
          {t('internalAudits.close')}
        </Button>
      </Group>
    </Stack>
  );
  return (
    <FormDialog
      title={
        item ? t('internalAudits.raiseFindingOn', { clause: item.clause }) : t('internalAudits.raiseFinding')
      }
      size="xl"
      onClose={props.onClose}
      onSave={save}
      saving={raise.saving}
      saveLabel={t('internalAudits.raise')}
      saveTestId="finding-save"
      done={done || undefined}
    >
      {item && (
        <Text size="sm" c="dimmed">
          {item.question}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('internalAudits.kind')}
          data={findingKinds.map((k) => ({ value: k, label: t(`internalAudits.kinds.${k}`) }))}
          value={f.kind}
          onChange={(v) => v && set('kind', v as Finding['kind'])}
          allowDeselect={false}
          error={errors.kind}
          data-testid="finding-kind"
        />
        <Select
          label={t('internalAudits.clause')}
          searchable
          data={[...new Set([...props.clauses, f.clause])].filter(Boolean).sort(byClause)}
          value={f.clause}
          onChange={(v) => v && set('clause', v)}
          allowDeselect={false}
          error={errors.clause}
          data-testid="finding-clause"
        />
        {props.processes.length > 0 && (
          <Select
            label={t('internalAudits.process')}
            clearable
            data={props.processes}
            value={f.processKey}
            onChange={(v) => set('processKey', v)}
            error={errors.processKey}
          />
        )}
      </SimpleGrid>
      {nonconformityKinds.includes(f.kind) && (
        <Text size="sm" c="orange.8">
          {t('internalAudits.raisesNc')}
        </Text>
      )}
      <TextInput
        label={t('internalAudits.findingTitle')}
        required
        value={f.title}
        onChange={(e) => set('title', e.currentTarget.value)}
        error={errors.title}
        data-testid="finding-title"
      />
      <Textarea
        label={t('internalAudits.statement')}
        description={t('internalAudits.statementHint')}
        autosize
        minRows={3}
        value={f.statement}
        onChange={(e) => set('statement', e.currentTarget.value)}
        error={errors.statement}
        data-testid="finding-statement"
      />
      <EvidenceEditor value={f.evidence} onChange={(v) => set('evidence', v)} errors={errors} />
      {f.kind === 'ofi' && (
        <Checkbox
          label={t('internalAudits.toImprovements')}
          checked={f.toImprovements}
          onChange={(e) => set('toImprovements', e.currentTarget.checked)}
        />
      )}
      {problem && !Object.keys(errors).length && (
        <Alert color="red" title={problem.title}>
          {problem.message}
        </Alert>
      )}
      {unshown.length > 0 && (
        <Alert color="red" title={problem?.title ?? t('common.error')} data-testid="finding-other-errors">
          {unshown.map(([k, m]) => (
            <Text key={k} size="sm">
              {k}: {m}
            </Text>
          ))}
        </Alert>
      )}
    </FormDialog>
  );
}
