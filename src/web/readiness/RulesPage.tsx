import { Alert, Anchor, Badge, Button, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { maySetRule } from '../../modules/readiness/policy.ts';
import { useMe } from '../auth/session.ts';
import { type RuleSetting, useRuleSettings, useSetRule } from './data.ts';
import { ReadinessTabs } from './ReadinessTabs.tsx';

/** One rule's row: what it counts, for which clauses, Keel's default and the organisation's own freshness. */
function RuleRow({ rule, editable }: { rule: RuleSetting; editable: boolean }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ maxAgeDays: rule.maxAgeDays, minCount: rule.minCount });
  const set = useSetRule();
  const dirty = f.maxAgeDays !== rule.maxAgeDays || f.minCount !== rule.minCount;
  const own = rule.version > 0;
  return (
    <Table.Tr data-testid={`rule-${rule.key}`}>
      <Table.Td>
        <Text size="sm">{rule.label}</Text>
        <Group gap={4}>
          {rule.notRun && (
            <Badge size="xs" color="gray" variant="light">
              {t('readiness.rules.notRun')}
            </Badge>
          )}
          {rule.link && (
            <Anchor component={Link} to={rule.link} size="xs">
              {t('readiness.openRecords')}
            </Anchor>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{rule.clauses.join(', ')}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {t(rule.measure === 'share' ? 'readiness.rules.defaultIsShare' : 'readiness.rules.defaultIs', {
            days: rule.defaultMaxAgeDays,
            count: rule.defaultMinCount,
          })}
        </Text>
        {own && (
          <Badge size="xs" variant="light">
            {t('readiness.rules.ownSetting')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={t('readiness.rules.maxAgeDaysOf', { rule: rule.label })}
          size="xs"
          w={100}
          min={1}
          max={3660}
          disabled={!editable}
          value={f.maxAgeDays}
          onChange={(v) => setF((x) => ({ ...x, maxAgeDays: Number(v) || 0 }))}
          error={set.errors.maxAgeDays}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={t('readiness.rules.minCountOf', { rule: rule.label })}
          size="xs"
          w={90}
          min={1}
          max={rule.measure === 'share' ? 100 : undefined}
          suffix={rule.measure === 'share' ? ' %' : undefined}
          disabled={!editable}
          value={f.minCount}
          onChange={(v) => setF((x) => ({ ...x, minCount: Number(v) || 0 }))}
          error={set.errors.minCount}
        />
      </Table.Td>
      <Table.Td>
        {editable && (
          <Button
            size="compact-xs"
            disabled={!dirty}
            loading={set.saving}
            onClick={() => set.save({ key: rule.key, version: rule.version, ...f })}
          >
            {t('common.save')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The evidence rules: what Keel counts as evidence for each clause, and how fresh and how much of it the
 * organisation asks for (Keel's defaults until someone allowed sets their own).
 */
export function RulesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const q = useRuleSettings(i18n.language);
  const editable = maySetRule({ userId: me.id, roles: me.roles });
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('readiness.title')}</Title>
      <ReadinessTabs />
      <Text size="sm" c="dimmed">
        {t('readiness.rules.intro')}
      </Text>
      {q.isError && <Alert color="red">{(q.error as Error).message}</Alert>}
      {!q.data ? (
        !q.isError && <Text c="dimmed">{t('common.loading')}</Text>
      ) : (
        <Table striped data-testid="evidence-rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('readiness.rules.rule')}</Table.Th>
              <Table.Th>{t('readiness.rules.clauses')}</Table.Th>
              <Table.Th>{t('readiness.rules.default')}</Table.Th>
              <Table.Th>{t('readiness.rules.maxAgeDays')}</Table.Th>
              <Table.Th>{t('readiness.rules.minCount')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((r) => (
              <RuleRow key={`${r.key}-${r.version}`} rule={r} editable={editable} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
