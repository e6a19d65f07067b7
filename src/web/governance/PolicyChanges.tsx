import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePolicyChanges } from './data.ts';

/** What changed in a version, as a reader of the new version sees it: removed struck, added marked. */
export function ChangesView({ policyId, number }: { policyId: string; number: number }) {
  const { t } = useTranslation();
  const q = usePolicyChanges(policyId, number);
  if (!q.data?.against) return null;
  return (
    <Paper withBorder p="sm" data-testid="policy-changes">
      <Text size="sm" fw={600} mb={4}>
        {t('policies.changesSince', { version: q.data.against })}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {q.data.changes.map((c, i) => {
          const text = `${c.text.replaceAll(' \n ', '\n').replaceAll('\n ', '\n')} `;
          // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one diff never reorder
          if (c.op === 'same') return <span key={i}>{text}</span>;
          return c.op === 'added' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <mark key={i}>{text}</mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <s key={i} style={{ color: 'var(--mantine-color-red-7)' }}>
              {text}
            </s>
          );
        })}
      </Text>
    </Paper>
  );
}
