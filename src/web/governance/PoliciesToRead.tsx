import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../api.ts';

type Pending = { policyId: string; identifier: string; title: string; version: number };

/** The policies a person has been asked to read and has not yet acknowledged; nothing when there are none. */
export function PoliciesToRead() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['acknowledgements'],
    queryFn: () => get<{ items: Pending[] }>('/api/v1/acknowledgements'),
  });
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
