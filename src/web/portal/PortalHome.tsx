import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../auth/session.ts';
import { PoliciesToRead } from '../governance/PoliciesToRead.tsx';
import { KnowledgeSearchBox } from '../knowledge/ReportSuggestions.tsx';
import { MyItems } from './MyItems.tsx';
import { ServiceStatus } from './ServiceStatus.tsx';

/**
 * The self-service portal's start: report, request, follow your own items, see how your services are. A
 * supplier's contact comes only to read the policies shared with suppliers.
 */
export function PortalHome() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const supplierOnly = !can(me, ['customer']) && can(me, ['supplier']);
  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={2} data-testid="greeting">
          {t('home.greeting', { name: me.name })}
        </Title>
        <Text c="dimmed" size="sm">
          {t(supplierOnly ? 'portal.supplierIntro' : 'portal.intro')}
        </Text>
      </div>
      {!supplierOnly && (
        <Group>
          <Button component={Link} to="/report" size="md" data-testid="report-incident">
            {t('portal.report')}
          </Button>
          <Button component={Link} to="/catalogue" size="md" variant="light" data-testid="request-something">
            {t('portal.request')}
          </Button>
        </Group>
      )}
      <KnowledgeSearchBox />
      <PoliciesToRead />
      {!supplierOnly && <ServiceStatus />}
      {!supplierOnly && <MyItems />}
    </Stack>
  );
}
