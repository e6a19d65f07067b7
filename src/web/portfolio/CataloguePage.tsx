import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api.ts';

type Entry = { id: string; name: string; description: string; hoursOfService: string; status: string };

/** The customer-facing catalogue, in the reader's language. */
export function CataloguePage() {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ['catalogue', i18n.language],
    queryFn: () => get<{ items: Entry[] }>(`/api/v1/catalogue?language=${i18n.language}`),
  });
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('catalogue.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('catalogue.intro')}
      </Text>
      {list.data && list.data.items.length === 0 && <Text>{t('catalogue.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {list.data?.items.map((s) => (
          <Card key={s.id} withBorder padding="lg" data-testid="catalogue-entry">
            <Title order={4}>{s.name}</Title>
            <Text size="sm" mt="xs">
              {s.description}
            </Text>
            {s.hoursOfService && (
              <Text size="xs" c="dimmed" mt="sm">
                {t('catalogue.hours')}: {s.hoursOfService}
              </Text>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
