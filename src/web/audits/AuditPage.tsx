import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { wholeBadge } from '../app/badges.ts';
import { formatDay, formatInstant } from '../app/dates.ts';
import { Fact } from '../app/Fact.tsx';
import { useProcesses } from '../governance/data.ts';
import { useServiceChoices } from '../portfolio/data.ts';
import { AuditSteps } from './AuditSteps.tsx';
import { Checklist } from './Checklist.tsx';
import {
  type AuditPage as Audit,
  type ChecklistItem,
  reportPdfUrl,
  useAudit,
  useClauseTitles,
  useUpdateAudit,
} from './data.ts';
import { FindingDialog } from './FindingDialog.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { auditColour } from './format.ts';
import { PlanAuditDialog } from './PlanAuditDialog.tsx';
import { Prose } from './Prose.tsx';

/** The report's text: summary and conclusion, written by the team while the audit is in progress. */
function ReportSection({ audit }: { audit: Audit }) {
  const { t, i18n } = useTranslation();
  const [f, setF] = useState({ summary: audit.summary, conclusion: audit.conclusion });
  const update = useUpdateAudit(audit.id);
  const editable = audit.abilities.answer;
  const dirty = f.summary !== audit.summary || f.conclusion !== audit.conclusion;
  return (
    <Paper withBorder p="md" data-testid="report">
      <Group justify="space-between" mb="xs">
        <Title order={3}>{t('internalAudits.report')}</Title>
        <Anchor href={reportPdfUrl(audit.id)} download data-testid="report-pdf">
          {t('internalAudits.reportPdf')}
        </Anchor>
      </Group>
      {editable ? (
        <Stack gap="xs">
          <Textarea
            label={t('internalAudits.summary')}
            autosize
            minRows={3}
            value={f.summary}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setF((x) => ({ ...x, summary: value }));
            }}
            error={update.errors.summary}
          />
          <Textarea
            label={t('internalAudits.conclusion')}
            autosize
            minRows={2}
            value={f.conclusion}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setF((x) => ({ ...x, conclusion: value }));
            }}
            error={update.errors.conclusion}
          />
          <Button
            size="xs"
            w="fit-content"
            disabled={!dirty}
            loading={update.saving}
            onClick={() => update.save({ version: audit.version, body: f })}
          >
            {t('internalAudits.saveReport')}
          </Button>
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Fact label={t('internalAudits.summary')}>{audit.summary && <Prose text={audit.summary} />}</Fact>
          <Fact label={t('internalAudits.conclusion')}>
            {audit.conclusion && <Prose text={audit.conclusion} />}
          </Fact>
        </SimpleGrid>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
        <Fact label={t('internalAudits.reportedAt')}>
          {audit.reportedAt && formatInstant(audit.reportedAt, 'short', i18n.language)}
        </Fact>
        <Fact label={t('internalAudits.approvedBy')}>
          {audit.approvedBy &&
            audit.approvedAt &&
            `${audit.approvedBy}, ${formatInstant(audit.approvedAt, 'short', i18n.language)}`}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

/**
 * The audit workspace: the plan (scope, criteria, team, dates) with its state and the steps the reader may
 * take, the checklist grouped by clause, the findings raised, and the report with its approval and PDF.
 */
export function AuditPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = useAudit(id);
  const register = useClauseTitles(i18n.language);
  const services = useServiceChoices();
  const processes = useProcesses();
  const [editing, setEditing] = useState(false);
  const [raising, setRaising] = useState<{ item?: ChecklistItem } | null>(null);
  const a = q.data;
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  if (!a) return <Text c="dimmed">{t('common.loading')}</Text>;
  const clauseList = register.data ?? [];
  const titles = Object.fromEntries(clauseList.map((c) => [c.number, c.title]));
  const names = (people: Audit['team']) => people.map((p) => p.name).join(', ');
  const serviceNames = a.scopeServiceIds.map(
    (sid) => services.data?.items.find((s) => s.id === sid)?.name ?? sid,
  );
  const findingClauses = [...new Set([...a.scopeClauses, ...a.checklist.map((i) => i.clause)])];
  return (
    <Stack maw={1200}>
      <Text size="sm" c="dimmed">
        {a.programmeId ? (
          <Anchor component={Link} to={`/internal-audits/programmes/${a.programmeId}`} size="sm">
            {a.programmeCode}
          </Anchor>
        ) : (
          t('internalAudits.noProgramme')
        )}{' '}
        · {a.code}
      </Text>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{a.title}</Title>
          <Group gap="xs">
            <Badge color={auditColour[a.state]} variant="light" styles={wholeBadge} data-testid="audit-state">
              {t(`internalAudits.auditStates.${a.state}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {formatDay(a.plannedStart, i18n.language)} – {formatDay(a.plannedEnd, i18n.language)}
            </Text>
          </Group>
        </Stack>
        <AuditSteps audit={a} />
      </Group>
      {a.state === 'cancelled' && a.cancelReason && (
        <Alert color="gray" title={t('internalAudits.cancelled')}>
          {a.cancelReason}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={3}>{t('internalAudits.plan')}</Title>
          {a.abilities.editPlan && (
            <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="edit-plan">
              {t('internalAudits.editPlan')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label={t('internalAudits.leadAuditor')}>{a.leadAuditor}</Fact>
          <Fact label={t('internalAudits.team')}>{names(a.team)}</Fact>
          <Fact label={t('internalAudits.auditees')}>{names(a.auditees)}</Fact>
          <Fact label={t('internalAudits.scopeClauses')}>{a.scopeClauses.join(', ')}</Fact>
          <Fact label={t('internalAudits.scopeProcesses')}>
            {a.scopeProcesses
              .map((k) => processes.data?.items.find((p) => p.key === k)?.name ?? k)
              .join(', ')}
          </Fact>
          <Fact label={t('internalAudits.scopeServices')}>{serviceNames.join(', ')}</Fact>
          <Fact label={t('internalAudits.startedAt')}>
            {a.startedAt && formatInstant(a.startedAt, 'short', i18n.language)}
          </Fact>
        </SimpleGrid>
        <Stack mt="sm">
          <Fact label={t('internalAudits.criteria')}>{a.criteria && <Prose text={a.criteria} />}</Fact>
        </Stack>
      </Paper>
      {a.state === 'planned' && a.abilities.answer === false && a.abilities.start && (
        <Text size="sm" c="dimmed">
          {t('internalAudits.startToAnswer')}
        </Text>
      )}
      <Checklist audit={a} titles={titles} onRaise={(item) => setRaising({ item })} />
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={3}>{t('internalAudits.findingsHeading')}</Title>
          {a.abilities.answer && (
            <Button size="xs" variant="light" onClick={() => setRaising({})} data-testid="raise-finding">
              {t('internalAudits.raiseFinding')}
            </Button>
          )}
        </Group>
        <FindingsTable rows={a.findingList} maySend={a.abilities.answer} testId="audit-findings" />
      </Paper>
      <ReportSection key={a.version} audit={a} />
      {editing && <PlanAuditDialog audit={a} clauses={clauseList} onClose={() => setEditing(false)} />}
      {raising && (
        <FindingDialog
          auditId={a.id}
          clauses={findingClauses}
          processes={a.scopeProcesses}
          item={raising.item}
          onClose={() => setRaising(null)}
        />
      )}
    </Stack>
  );
}
