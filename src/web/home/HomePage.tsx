import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { visibleNavigation } from '../app/navigation.ts';
import { useMe } from '../auth/session.ts';
import { PoliciesToRead } from '../governance/PoliciesToRead.tsx';

/** The first screen after sign-in: who you are, your roles, and what exists for you now. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const links = visibleNavigation(me).filter((n) => n.key !== 'home');
  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={2} data-testid="greeting">
          {t('home.greeting', { name: me.name })}
        </Title>
        <Text c="dimmed" size="sm">
          {t('home.signedInVia', { email: me.email })}
        </Text>
      </div>
      <PoliciesToRead />
      <Stack gap="xs">
        <Title order={4}>{t('home.yourRoles')}</Title>
        {me.roles.length ? (
          <Group gap="xs" data-testid="roles">
            {me.roles.map((r) => (
              <Badge key={r} variant="light" size="lg">
                {t(`roles.${r}`)}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text>{t('home.noRoles')}</Text>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={4}>{t('home.whatYouCanDo')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {links.map((n) => (
            <Card key={n.key} withBorder padding="md">
              {n.external ? (
                <Anchor href={n.to} target="_blank" fw={600}>
                  {t(`nav.${n.key}`)}
                </Anchor>
              ) : (
                <Anchor component={Link} to={n.to} fw={600}>
                  {t(`nav.${n.key}`)}
                </Anchor>
              )}
              <Text size="sm" c="dimmed" mt={4}>
                {t(`home.links.${n.key}`)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
