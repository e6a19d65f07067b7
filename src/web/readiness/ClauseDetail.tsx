import { Alert, Anchor, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDay, formatInstant } from '../app/dates.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { type Clause, type Rule, useApplicability } from './data.ts';
import { RuleBadge } from './StatusBadge.tsx';

/** How fresh a rule's evidence is: its newest record's day and the age it may have. */
function Freshness({ rule }: { rule: Rule }) {
  const { t, i18n } = useTranslation();
  // the sentence of a rule whose process Keel does not run already says there is nothing to find
  if (rule.notRun) return null;
  return (
    <Text size="xs" c="dimmed">
      {rule.newest
        ? t('readiness.newest', { day: formatInstant(rule.newest, 'date', i18n.language) })
        : t('readiness.noneYet')}
      {rule.maxAgeDays !== null &&
        ` · ${t('readiness.maxAge', { days: rule.maxAgeDays, count: rule.minCount })}`}
    </Text>
  );
}

/** Marking a clause not applicable (the justification an auditor will ask for) or applicable again. */
function ApplicabilityDialog({ clause, onClose }: { clause: Clause; onClose: () => void }) {
  const { t } = useTranslation();
  const [justification, setJustification] = useState('');
  const decide = useApplicability({ onSaved: onClose });
  const toApplicable = !clause.applicable;
  return (
    <FormDialog
      title={
        toApplicable
          ? t('readiness.markApplicableTitle', { clause: clause.number })
          : t('readiness.markNotApplicableTitle', { clause: clause.number })
      }
      onClose={onClose}
      onSave={() =>
        decide.save({
          clause: clause.number,
          version: clause.version,
          applicable: toApplicable,
          justification,
        })
      }
      saving={decide.saving}
      saveTestId="applicability-save"
    >
      <Text size="sm">
        {clause.number} {clause.title}
      </Text>
      {toApplicable ? (
        <Text size="sm" c="dimmed">
          {t('readiness.markApplicableHint')}
        </Text>
      ) : (
        <Textarea
          label={t('readiness.justification')}
          description={t('readiness.justificationHint')}
          required
          autosize
          minRows={3}
          value={justification}
          onChange={(e) => setJustification(e.currentTarget.value)}
          error={decide.errors.justification}
          data-testid="applicability-justification"
        />
      )}
    </FormDialog>
  );
}

/**
 * A clause opened: what it asks (in our words), the evidence Keel holds with its freshness and a link to the
 * records, the organisation's own requirements filed under it, and whether it applies.
 */
export function ClauseDetail({ clause, mayDecide }: { clause: Clause; mayDecide: boolean }) {
  const { t, i18n } = useTranslation();
  const [deciding, setDeciding] = useState(false);
  return (
    <Stack gap="sm">
      <Text size="sm">{clause.description}</Text>
      {!clause.applicable && (
        <Alert color="gray" title={t('readiness.notApplicableBecause')} data-testid="na-justification">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {clause.justification}
          </Text>
          {clause.decidedAt && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('readiness.decidedAt', { at: formatInstant(clause.decidedAt, 'date', i18n.language) })}
            </Text>
          )}
        </Alert>
      )}
      {clause.rules.length > 0 && (
        <Table verticalSpacing={4} data-testid={`rules-${clause.number}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{t('readiness.ruleStatusHeader')}</Table.Th>
              <Table.Th>{t('readiness.evidenceHeader')}</Table.Th>
              <Table.Th w={120}>{t('readiness.records')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clause.rules.map((r) => (
              <Table.Tr key={r.rule}>
                <Table.Td>
                  <RuleBadge status={r.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.text}</Text>
                  <Freshness rule={r} />
                </Table.Td>
                <Table.Td>
                  {r.link && (
                    <Anchor component={Link} to={r.link} size="sm">
                      {t('readiness.openRecords')}
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {clause.requirements.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('readiness.ownRequirements')}
          </Text>
          {clause.requirements.map((r) => (
            <Text key={r.id} size="sm">
              <Anchor component={Link} to={`/readiness/requirements?clause=${clause.number}`} size="sm">
                {r.code}
              </Anchor>{' '}
              {r.title} ·{' '}
              <Text span size="sm" c={r.overdue ? 'red' : 'dimmed'}>
                {r.overdue
                  ? t('readiness.reviewOverdue', { day: formatDay(r.reviewDue, i18n.language) })
                  : t('readiness.reviewDue', { day: formatDay(r.reviewDue, i18n.language) })}
              </Text>
            </Text>
          ))}
        </Stack>
      )}
      {mayDecide && (
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() => setDeciding(true)}
            data-testid={`applicability-${clause.number}`}
          >
            {clause.applicable ? t('readiness.markNotApplicable') : t('readiness.markApplicable')}
          </Button>
        </Group>
      )}
      {deciding && <ApplicabilityDialog clause={clause} onClose={() => setDeciding(false)} />}
    </Stack>
  );
}
