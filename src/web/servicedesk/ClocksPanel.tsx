import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClockBadge, formatDuration } from '../records/ClockBadge.tsx';
import type { Clock } from '../records/data.ts';
import { type Incident, useExplainBreach } from './data.ts';

/**
 * Every clock of an incident, by agreement: the customer's SLA, the OLA of each group that held it, the
 * underpinning contract of each supplier it waited on. A missed target can be explained here; the reason
 * appears in the agreement's service level report.
 */
export function ClocksPanel(props: { incident: Incident; canExplain: boolean }) {
  const { t } = useTranslation();
  const [explaining, setExplaining] = useState<Clock | null>(null);
  const [reason, setReason] = useState('');
  const explain = useExplainBreach(props.incident.number, {
    onSaved: () => {
      setExplaining(null);
      setReason('');
    },
  });
  const byAgreement = new Map<string, Clock[]>();
  for (const c of props.incident.clocks) {
    const key = `${c.scope}|${c.agreementName}`;
    byAgreement.set(key, [...(byAgreement.get(key) ?? []), c]);
  }
  if (byAgreement.size === 0) return null;
  const save = () =>
    explaining && explain.save({ metric: explaining.metric, scope: explaining.scope, reason });
  return (
    <Paper withBorder p="md" data-testid="clocks-panel">
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {t('clocks.all')}
        </Text>
        {[...byAgreement.values()].map((clocks) => (
          <div key={`${clocks[0]!.scope}`}>
            <Group gap={6}>
              <Text size="sm" fw={500}>
                {clocks[0]!.agreementName}
              </Text>
              <Badge size="xs" variant="outline" color="gray">
                {t(`clocks.kind.${clocks[0]!.agreementKind ?? 'sla'}`)}
              </Badge>
            </Group>
            {clocks.map((c) => (
              <Stack key={c.metric} gap={2} mt={4}>
                <Group gap="xs">
                  <ClockBadge clock={c} testId={`clocks-panel-${c.scope.split(':')[0]}-${c.metric}`} />
                  {c.targetMs !== undefined && (
                    <Text size="xs" c="dimmed">
                      {t('clocks.used', {
                        used: formatDuration(c.elapsedMs ?? 0),
                        target: formatDuration(c.targetMs),
                      })}
                    </Text>
                  )}
                </Group>
                {c.breached && c.breachReason && (
                  <Text size="xs">
                    {t('clocks.why')}: {c.breachReason}
                  </Text>
                )}
                {c.breached && props.canExplain && explaining !== c && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    w="fit-content"
                    onClick={() => {
                      setExplaining(c);
                      setReason(c.breachReason ?? '');
                    }}
                  >
                    {c.breachReason ? t('clocks.changeWhy') : t('clocks.explain')}
                  </Button>
                )}
                {explaining === c && (
                  <Group align="flex-end" gap="xs">
                    <Textarea
                      label={t('clocks.why')}
                      value={reason}
                      onChange={(e) => setReason(e.currentTarget.value)}
                      autosize
                      style={{ flex: 1 }}
                    />
                    <Button size="xs" onClick={save} disabled={!reason.trim()}>
                      {t('common.save')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setExplaining(null)}>
                      {t('common.cancel')}
                    </Button>
                  </Group>
                )}
              </Stack>
            ))}
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
