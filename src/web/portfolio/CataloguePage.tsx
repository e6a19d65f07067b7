import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCatalogue } from '../requests/data.ts';

/** The customer-facing catalogue, in the reader's language, with what can be ordered under each service. */
export function CataloguePage() {
  const { t, i18n } = useTranslation();
  const list = useCatalogue(i18n.language);
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
            {s.requestItems.length > 0 && (
              <Stack gap={6} mt="md">
                <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                  {t('catalogue.canOrder')}
                </Text>
                {s.requestItems.map((i) => (
                  <Group key={i.id} gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/catalogue/items/${i.id}`} data-testid={`order-${i.code}`}>
                      {i.name}
                    </Anchor>
                    {i.needsApproval && (
                      <Badge size="xs" variant="light">
                        {t('order.needsApproval')}
                      </Badge>
                    )}
                  </Group>
                ))}
              </Stack>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
