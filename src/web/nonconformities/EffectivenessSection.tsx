import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Effectiveness } from '../../modules/nonconformities/lifecycle.ts';
import { effectivenessResults } from '../../modules/nonconformities/lifecycle.ts';
import { formatDay, formatInstant } from '../app/dates.ts';
import { type Nonconformity, useNcSettings, useRecordEffectiveness } from './data.ts';

/**
 * The check that the corrective actions worked, due some time after the last one is done: its date, and
 * once made its result and what was checked. The auditor, the process owner or either (settings) record
 * it; an ineffective result sends the nonconformity back to analysis, an effective one lets it be closed.
 */
export function EffectivenessSection({ nc }: { nc: Nonconformity }) {
  const { t, i18n } = useTranslation();
  const settings = useNcSettings();
  // the actions are found effective on the check's date, not before (the server's day, UTC); found not
  // effective at any time
  const early = !!nc.effectivenessDue && nc.effectivenessDue > new Date().toISOString().slice(0, 10);
  const [chosen, setResult] = useState<Effectiveness>('effective');
  const result: Effectiveness = early ? 'not_effective' : chosen;
  const [note, setNote] = useState('');
  const record = useRecordEffectiveness(nc.number, { onSaved: () => setNote('') });
  const inVerification = nc.state === 'verification';
  const mayRecord = inVerification && nc.abilities.close;
  const reached = ['verification', 'closed'].includes(nc.state) || !!nc.effectiveness;
  if (!reached && !nc.effectivenessDue)
    return (
      <Paper withBorder p="md" data-testid="nc-effectiveness">
        <Title order={4} mb="xs">
          {t('nonconformities.effectiveness')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('nonconformities.effectivenessLater', { days: settings.data?.effectivenessDays ?? '…' })}
        </Text>
      </Paper>
    );
  return (
    <Paper withBorder p="md" data-testid="nc-effectiveness">
      <Title order={4} mb="xs">
        {t('nonconformities.effectiveness')}
      </Title>
      <Stack gap="sm">
        {nc.effectivenessDue && (
          <Text size="sm" data-testid="nc-effectiveness-due">
            {t('nonconformities.effectivenessDueOn', { day: formatDay(nc.effectivenessDue, i18n.language) })}
          </Text>
        )}
        {nc.effectiveness ? (
          <Stack gap={4} data-testid="nc-effectiveness-result">
            <Group gap="xs">
              <Badge color={nc.effectiveness === 'effective' ? 'green' : 'red'}>
                {t(`nonconformities.result.${nc.effectiveness}`)}
              </Badge>
              {nc.effectivenessAt && (
                <Text size="xs" c="dimmed">
                  {formatInstant(nc.effectivenessAt, 'medium')}
                </Text>
              )}
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {nc.effectivenessNote}
            </Text>
          </Stack>
        ) : (
          inVerification && (
            <Text size="sm" c="orange.8" data-testid="nc-effectiveness-missing">
              {t('nonconformities.effectivenessMissing')}
            </Text>
          )
        )}
        {inVerification && !nc.abilities.close && settings.data && (
          <Text size="sm" c="dimmed">
            {t(`nonconformities.checkedBy.${settings.data.closedBy}`)}
          </Text>
        )}
        {mayRecord && (
          <Stack gap="xs" data-testid="nc-effectiveness-form">
            <SegmentedControl
              aria-label={t('nonconformities.effectivenessResult')}
              value={result}
              onChange={(v) => setResult(v as Effectiveness)}
              data={effectivenessResults.map((r) => ({
                value: r,
                label: t(`nonconformities.result.${r}`),
                disabled: early && r === 'effective',
              }))}
              w="fit-content"
            />
            {early && nc.effectivenessDue && (
              <Text size="xs" c="dimmed">
                {t('nonconformities.effectiveFrom', { day: formatDay(nc.effectivenessDue, i18n.language) })}
              </Text>
            )}
            {result === 'not_effective' && (
              <Text size="xs" c="dimmed">
                {t('nonconformities.notEffectiveHelp')}
              </Text>
            )}
            <Textarea
              label={t('nonconformities.effectivenessNote')}
              autosize
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={record.errors.note ?? record.errors.result}
              data-testid="nc-effectiveness-note"
            />
            <Group>
              <Button
                variant="light"
                loading={record.saving}
                onClick={() => record.save({ check: { result, note }, version: nc.version })}
                data-testid="nc-effectiveness-save"
              >
                {t('nonconformities.recordCheck')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
