import { AppShell, Box, Burger, Button, Group, Menu, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { roles } from '../../kernel/access/roles.ts';
import { signOut as endSession, useChooseLanguage } from '../auth/data.ts';
import { can, useSetMe } from '../auth/session.ts';
import { languages } from '../i18n/index.ts';
import { useLiveUpdates } from '../records/live.ts';
import { SearchBox } from '../search/SearchBox.tsx';
import type { Language, Me } from '../types.ts';
import { NotificationBell } from './NotificationBell.tsx';
import { isActive, visibleNavigation } from './navigation.ts';

/** Everyone but a supplier's contact, who has no work items to search. */
const searchers = roles.filter((r) => r !== 'supplier');

export function Shell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const setMe = useSetMe();
  useLiveUpdates();

  const language = useChooseLanguage({
    onSaved: (saved) => setMe({ ...me, ...saved, csrfToken: me.csrfToken }),
  });
  const chooseLanguage = (l: Language) => language.save(l);
  const signOut = async () => {
    await endSession();
    setMe(null);
    navigate('/login');
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.home')} />
            <Title order={3} c="indigo.8">
              {t('app.name')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="xs">
            {/* work items are searched by those who may have some: not by a supplier's contact */}
            {can(me, searchers) && (
              <Box visibleFrom="sm">
                <SearchBox />
              </Box>
            )}
            <NotificationBell />
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="subtle" data-testid="language-menu" aria-label={t('nav.language')}>
                  {t(`language.${me.language}`)}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('nav.language')}</Menu.Label>
                {languages.map((l) => (
                  <Menu.Item key={l} onClick={() => chooseLanguage(l)} data-testid={`language-${l}`}>
                    {t(`language.${l}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Text size="sm" visibleFrom="sm">
              {me.name}
            </Text>
            <Button variant="light" onClick={signOut} data-testid="sign-out">
              {t('nav.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" style={{ overflowY: 'auto' }}>
        {visibleNavigation(me).map((n, i, all) => (
          <div key={n.key}>
            {n.group && n.group !== all[i - 1]?.group && (
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
                {t(`nav.${n.group}`)}
              </Text>
            )}
            {n.external ? (
              <NavLink href={n.to} target="_blank" label={t(`nav.${n.key}`)} />
            ) : (
              <NavLink
                component={Link}
                to={n.to}
                label={t(`nav.${n.key}`)}
                active={isActive(n, location.pathname)}
              />
            )}
          </div>
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
