import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useServiceStatus } from './data.ts';

/** The services a person uses: disruptions first, with what the service desk last said about them. */
export function ServiceStatus() {
  const { t, i18n } = useTranslation();
  const status = useServiceStatus(i18n.language);
  const items = status.data?.items ?? [];
  const disrupted = items.filter((s) => s.status === 'disrupted');
  return (
    <Stack gap="xs" data-testid="service-status">
      <Title order={4}>{t('portal.status')}</Title>
      {status.data && items.length === 0 && <Text c="dimmed">{t('portal.noServices')}</Text>}
      {status.data && items.length > 0 && disrupted.length === 0 && (
        <Alert color="green" variant="light">
          {t('portal.allOperational', { count: items.length })}
        </Alert>
      )}
      {disrupted.flatMap((s) =>
        s.disruptions.map((d) => (
          <Alert
            key={`${s.serviceId}-${d.since}`}
            color="red"
            variant="light"
            title={`${s.name}: ${d.title ?? t('portal.disruption')}`}
          >
            <Text size="sm">
              {t('portal.since', { at: new Date(d.since).toLocaleString(i18n.language) })}
            </Text>
            {d.update && (
              <Text size="sm" mt={4}>
                {d.update.body}{' '}
                <Text span c="dimmed" size="xs">
                  ({new Date(d.update.at).toLocaleString(i18n.language)})
                </Text>
              </Text>
            )}
          </Alert>
        )),
      )}
      {disrupted.length > 0 && (
        <Paper withBorder p="xs">
          <Group gap="xs">
            {items
              .filter((s) => s.status === 'operational')
              .map((s) => (
                <Badge key={s.serviceId} color="green" variant="light">
                  {s.name}
                </Badge>
              ))}
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
