import { Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewInputs } from './data.ts';

/**
 * The small parts the management review's input renderers (InputCards.tsx) are drawn with: a figure with
 * its label, the "nothing in the period" line, and the table of agreements with their met % and trend.
 */
type Inputs = ReviewInputs['inputs'];
type Agreement = Inputs['service_levels']['agreements'][number];

export function Figure({ label, value, colour }: { label: string; value: ReactNode; colour?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xl" fw={700} c={colour}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

export function None({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 10) / 10}%`);
const trendMark = { better: '↑', worse: '↓', same: '→' } as const;
const trendColour = { better: 'green', worse: 'red', same: 'gray' } as const;

export function AgreementTable({
  rows,
  supplier,
}: {
  rows: Array<Agreement & { supplier?: string | null }>;
  supplier?: boolean;
}) {
  const { t } = useTranslation();
  const r = (k: string) => t(`reviews.inputs.${k}`);
  return (
    <Table fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{r('agreement')}</Table.Th>
          {supplier && <Table.Th>{r('supplier')}</Table.Th>}
          <Table.Th ta="right">{r('metPercent')}</Table.Th>
          <Table.Th ta="right">{r('previousPercent')}</Table.Th>
          <Table.Th>{r('trend')}</Table.Th>
          <Table.Th ta="right">{r('metMissedOpen')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              {a.name}{' '}
              <Text span size="xs" c="dimmed">
                {t(`clocks.kind.${a.kind}`, { defaultValue: a.kind })}
              </Text>
            </Table.Td>
            {supplier && <Table.Td>{a.supplier ?? '—'}</Table.Td>}
            <Table.Td ta="right" fw={600}>
              {pct(a.metPercent)}
            </Table.Td>
            <Table.Td ta="right">{pct(a.previous.metPercent)}</Table.Td>
            <Table.Td>
              {a.trend ? (
                <Text span c={trendColour[a.trend]} fw={700} title={r(`trends.${a.trend}`)}>
                  {trendMark[a.trend]} {r(`trends.${a.trend}`)}
                </Text>
              ) : (
                '—'
              )}
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {a.met} / {a.missed} / {a.open}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
