import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * One fact about a record on its page: a small dimmed label over its value, a dash when there is none. The
 * facts of a problem, a change or an article sit side by side in a grid.
 */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  const none = children === null || children === undefined || children === false || children === '';
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {none ? '—' : children}
      </Text>
    </Stack>
  );
}
