import { Anchor, Badge, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { wholeBadge } from '../app/badges.ts';
import { formatInstant } from '../app/dates.ts';
import { RegisterTable } from '../app/RegisterPage.tsx';
import { type Finding, nonconformityPath, useSendToImprovements } from './data.ts';
import { EvidenceList } from './EvidenceEditor.tsx';
import { kindColour } from './format.ts';

/** What became of a finding: the NC it raised (linked), the improvement it was sent to, or nothing yet. */
function Outcome({ finding, maySend }: { finding: Finding; maySend: boolean }) {
  const { t } = useTranslation();
  const send = useSendToImprovements();
  if (finding.nonconformityNumber)
    return (
      <Anchor
        component={Link}
        to={nonconformityPath(finding.nonconformityNumber)}
        data-testid="finding-nc-link"
      >
        {finding.nonconformityNumber}
      </Anchor>
    );
  if (finding.improvementId) return <Text size="sm">{t('internalAudits.inImprovements')}</Text>;
  if (finding.kind === 'ofi' && maySend)
    return (
      <Button size="compact-xs" variant="light" onClick={() => send.save(finding.id)} loading={send.saving}>
        {t('internalAudits.sendToImprovements')}
      </Button>
    );
  return null;
}

/**
 * Findings as a table: code, kind (word and colour), clause, what was found with its evidence, who raised it
 * when, and the nonconformity or improvement it led to. `maySend` lets the audit's team send an OFI on.
 */
export function FindingsTable(props: {
  rows: Finding[] | undefined;
  showAudit?: boolean;
  maySend?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <RegisterTable<Finding>
      rows={props.rows}
      rowKey={(f) => f.id}
      empty={t('internalAudits.noFindings')}
      emptyProps={{ c: 'dimmed' }}
      tableProps={{ striped: true, 'data-testid': props.testId ?? 'findings' }}
      rowProps={(f) => ({ 'data-testid': `finding-${f.code}` })}
      columns={[
        {
          key: 'code',
          header: t('internalAudits.code'),
          cell: (f) => f.code,
          td: { style: { whiteSpace: 'nowrap' } },
        },
        ...(props.showAudit
          ? [
              {
                key: 'audit',
                header: t('internalAudits.audit'),
                td: { style: { whiteSpace: 'nowrap' } },
                cell: (f: Finding) =>
                  f.auditId && (
                    <Anchor component={Link} to={`/internal-audits/${f.auditId}`}>
                      {f.auditCode}
                    </Anchor>
                  ),
              },
            ]
          : []),
        {
          key: 'kind',
          header: t('internalAudits.kind'),
          cell: (f) => (
            <Badge color={kindColour[f.kind]} variant="light" styles={wholeBadge}>
              {t(`internalAudits.kinds.${f.kind}`)}
            </Badge>
          ),
        },
        { key: 'clause', header: t('internalAudits.clause'), cell: (f) => f.clause },
        {
          key: 'what',
          header: t('internalAudits.findingTitle'),
          cell: (f) => (
            <Stack gap={2}>
              <Text size="sm" fw={500}>
                {f.title}
              </Text>
              {f.statement && (
                <Text size="xs" c="dimmed" lineClamp={3}>
                  {f.statement}
                </Text>
              )}
              <EvidenceList evidence={f.evidence} />
            </Stack>
          ),
        },
        {
          key: 'raised',
          header: t('internalAudits.raisedBy'),
          cell: (f) => (
            <Text size="sm">
              {f.raisedBy}
              <br />
              <Text span size="xs" c="dimmed">
                {formatInstant(f.raisedAt, 'date', i18n.language)}
              </Text>
            </Text>
          ),
        },
        {
          key: 'outcome',
          header: t('internalAudits.outcome'),
          cell: (f) => <Outcome finding={f} maySend={!!props.maySend} />,
        },
      ]}
    />
  );
}
