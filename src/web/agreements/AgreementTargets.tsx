import { ActionIcon, Button, Group, NumberInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementView } from './data.ts';

export type Target = AgreementView['targets'][number] & { uid: string };

/** An agreement's targets: per metric and priority, the minutes allowed and when to warn. */
export function AgreementTargets({
  targets,
  onChange,
  errors: f,
}: {
  targets: Target[];
  onChange: (targets: Target[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const setTarget = (uid: string, patch: Partial<Target>) =>
    onChange(targets.map((x) => (x.uid === uid ? { ...x, ...patch } : x)));
  return (
    <>
      {targets.map((x, i) => (
        <Group key={x.uid} align="flex-end" wrap="nowrap">
          <Select
            label={t('agreements.metric')}
            data={(['response', 'resolution', 'fulfilment'] as const).map((m) => ({
              value: m,
              label: t(`agreements.metrics.${m}`),
            }))}
            value={x.metric}
            onChange={(v) => setTarget(x.uid, { metric: (v ?? 'resolution') as Target['metric'] })}
            allowDeselect={false}
            error={f[`targets.${i}`]}
            w={200}
          />
          <NumberInput
            label={t('agreements.priority')}
            min={1}
            max={5}
            value={x.priority}
            onChange={(v) => setTarget(x.uid, { priority: Number(v) || 1 })}
            w={100}
          />
          <NumberInput
            label={t('agreements.minutes')}
            min={1}
            value={x.minutes}
            onChange={(v) => setTarget(x.uid, { minutes: Number(v) || 1 })}
            error={f[`targets.${i}.minutes`]}
            w={160}
          />
          <NumberInput
            label={t('agreements.warn')}
            min={1}
            max={99}
            value={x.warnPercent}
            onChange={(v) => setTarget(x.uid, { warnPercent: Number(v) || 75 })}
            w={120}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('agreements.remove')}
            onClick={() => onChange(targets.filter((y) => y.uid !== x.uid))}
            mb={4}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() =>
            onChange([
              ...targets,
              {
                metric: 'resolution',
                priority: 1,
                minutes: 240,
                warnPercent: 75,
                uid: crypto.randomUUID(),
              },
            ])
          }
        >
          {t('agreements.addTarget')}
        </Button>
      </Group>
    </>
  );
}
