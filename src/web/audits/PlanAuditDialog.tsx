import { Alert, MultiSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiProblem } from '../api.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { useProcesses } from '../governance/data.ts';
import { useServiceChoices } from '../portfolio/data.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { type AuditPage, useCreateAudit, useUpdateAudit } from './data.ts';
import { byClause } from './format.ts';
import { PeoplePicker } from './PeoplePicker.tsx';

/**
 * Every message the API gave for a list field and its entries (teamIds, teamIds.0, teamIds.2): several people
 * of a team can each be refused, one person for more than one tie (owner and Responsible), and all of it is
 * said at the one field that holds them. Read from the problem itself, as the form's field map keeps one
 * message a field.
 */
export const listError = (problem: ApiProblem | null, field: string) =>
  [
    ...new Set(
      (problem?.errors ?? [])
        .filter((e) => e.field === field || e.field.startsWith(`${field}.`))
        .map((e) => e.message),
    ),
  ].join(' ') || undefined;

type Clause = { number: string; title: string };

/**
 * Planning an audit (or changing its plan): scope (clauses, processes, services), criteria, lead auditor,
 * team, auditees and dates. The server checks the auditors' independence; its refusal names the person
 * and the process, and is shown at the field that names the person.
 */
export function PlanAuditDialog(props: {
  onClose: () => void;
  /** The clause register to choose from (number and title). */
  clauses: Clause[];
  /** A new audit in this programme, with a suggested window inside its cycle. */
  programme?: { id: string; code: string; start: string; end: string };
  /** The audit whose plan is changed. */
  audit?: AuditPage;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data!;
  const a = props.audit;
  const [f, setF] = useState({
    title: a?.title ?? '',
    scopeClauses: a?.scopeClauses ?? [],
    scopeProcesses: a?.scopeProcesses ?? [],
    scopeServiceIds: a?.scopeServiceIds ?? [],
    criteria: a?.criteria ?? '',
    // an internal auditor planning an audit usually leads it
    leadAuditorId: (a?.leadAuditorId ?? (can(me, ['internal_auditor']) ? me.id : null)) as string | null,
    teamIds: a?.teamIds ?? [],
    auditeeIds: a?.auditeeIds ?? [],
    plannedStart: a?.plannedStart ?? props.programme?.start ?? '',
    plannedEnd: a?.plannedEnd ?? props.programme?.end ?? '',
  });
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  // who audits is fixed once the audit has started: the API refuses a change (who audited stays on record)
  const teamFixed = !!a && a.state !== 'planned';
  const processes = useProcesses();
  const services = useServiceChoices();
  const create = useCreateAudit({
    problemInForm: true,
    onSaved: (made) => navigate(`/internal-audits/${made.id}`),
  });
  const update = useUpdateAudit(a?.id ?? '', { problemInForm: true, onSaved: props.onClose });
  const mutation = a ? update : create;
  const { errors, problem } = mutation;
  const body = { ...f, leadAuditorId: f.leadAuditorId ?? '' };
  const save = () =>
    a
      ? update.save({ version: a.version, body })
      : create.save({ ...body, programmeId: props.programme?.id ?? null });
  // the clauses already in scope stay choosable whatever the register offers
  const clauseOptions = [
    ...props.clauses,
    ...f.scopeClauses
      .filter((n) => !props.clauses.some((c) => c.number === n))
      .map((n) => ({ number: n, title: '' })),
  ]
    .sort((x, y) => byClause(x.number, y.number))
    .map((c) => ({ value: c.number, label: c.title ? `${c.number} ${c.title}` : c.number }));
  const fieldNamed = new Set(Object.keys(errors).map((k) => k.split('.')[0]));
  return (
    <FormDialog
      title={a ? t('internalAudits.editPlan') : t('internalAudits.planAudit')}
      size="xl"
      onClose={props.onClose}
      onSave={save}
      saving={mutation.saving}
      saveTestId="audit-save"
    >
      {props.programme && (
        <Alert color="blue" variant="light">
          {t('internalAudits.inProgramme', { code: props.programme.code })}
        </Alert>
      )}
      <TextInput
        label={t('internalAudits.title')}
        required
        value={f.title}
        onChange={(e) => set('title', e.currentTarget.value)}
        error={errors.title}
        data-testid="audit-title"
      />
      <MultiSelect
        label={t('internalAudits.scopeClauses')}
        description={t('internalAudits.scopeHint')}
        searchable
        data={clauseOptions}
        value={f.scopeClauses}
        onChange={(v) => set('scopeClauses', v)}
        error={listError(problem, 'scopeClauses')}
        data-testid="audit-clauses"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MultiSelect
          label={t('internalAudits.scopeProcesses')}
          searchable
          data={(processes.data?.items ?? []).map((p) => ({ value: p.key, label: p.name }))}
          value={f.scopeProcesses}
          onChange={(v) => set('scopeProcesses', v)}
          error={listError(problem, 'scopeProcesses')}
          data-testid="audit-processes"
        />
        <MultiSelect
          label={t('internalAudits.scopeServices')}
          searchable
          data={(services.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={f.scopeServiceIds}
          onChange={(v) => set('scopeServiceIds', v)}
          error={listError(problem, 'scopeServiceIds')}
        />
      </SimpleGrid>
      <Textarea
        label={t('internalAudits.criteria')}
        description={t('internalAudits.criteriaHint')}
        autosize
        minRows={2}
        value={f.criteria}
        onChange={(e) => set('criteria', e.currentTarget.value)}
        error={errors.criteria}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <PersonPicker
          label={t('internalAudits.leadAuditor')}
          value={f.leadAuditorId}
          onChange={(v) => set('leadAuditorId', v)}
          staffOnly
          disabled={teamFixed}
          description={teamFixed ? t('internalAudits.teamFixed') : undefined}
          error={listError(problem, 'leadAuditorId')}
          testId="audit-lead"
        />
        <PeoplePicker
          label={t('internalAudits.team')}
          value={f.teamIds}
          onChange={(v) => set('teamIds', v)}
          disabled={teamFixed}
          description={teamFixed ? t('internalAudits.teamFixed') : undefined}
          error={listError(problem, 'teamIds')}
          testId="audit-team"
        />
        <PeoplePicker
          label={t('internalAudits.auditees')}
          value={f.auditeeIds}
          onChange={(v) => set('auditeeIds', v)}
          error={listError(problem, 'auditeeIds')}
          testId="audit-auditees"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="date"
          label={t('internalAudits.plannedStart')}
          required
          value={f.plannedStart}
          onChange={(e) => set('plannedStart', e.currentTarget.value)}
          error={errors.plannedStart}
          data-testid="audit-start"
        />
        <TextInput
          type="date"
          label={t('internalAudits.plannedEnd')}
          required
          value={f.plannedEnd}
          onChange={(e) => set('plannedEnd', e.currentTarget.value)}
          error={errors.plannedEnd}
          data-testid="audit-end"
        />
      </SimpleGrid>
      {problem && !fieldNamed.size && (
        <Alert color="red" title={problem.title}>
          {problem.message}
        </Alert>
      )}
      {problem && fieldNamed.has('programmeId') && <Alert color="red">{errors.programmeId}</Alert>}
    </FormDialog>
  );
}
