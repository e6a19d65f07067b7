import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePoliciesToRead } from './data.ts';

/** The policies a person has been asked to read and has not yet acknowledged; nothing when there are none. */
export function PoliciesToRead() {
  const { t } = useTranslation();
  const q = usePoliciesToRead();
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="md" data-testid="policies-to-read">
      <Stack gap={4}>
        <Title order={4}>{t('policies.toReadTitle')}</Title>
        {items.map((p) => (
          <Text key={p.policyId} size="sm">
            <Anchor component={Link} to={`/policies/${p.policyId}`}>
              {p.identifier} {p.title}
            </Anchor>{' '}
            (v{p.version})
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
