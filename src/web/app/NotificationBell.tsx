import { ActionIcon, Badge, Indicator, Menu, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, get } from '../api.ts';

type Note = { id: number; text: string; link: string | null; createdAt: string; read: boolean };

/** What Keel has told this person: unread count on the bell, the latest in its menu. */
export function NotificationBell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const notes = useQuery({
    queryKey: ['notifications'],
    queryFn: () => get<{ items: Note[]; unread: number }>('/api/v1/notifications?limit=10'),
    refetchInterval: 60_000,
  });
  const open = async (n: Note) => {
    await api('/api/v1/notifications/read', { method: 'POST', body: { ids: [n.id] } }).catch(() => undefined);
    await qc.invalidateQueries({ queryKey: ['notifications'] });
    if (n.link) navigate(n.link);
  };
  const readAll = async () => {
    await api('/api/v1/notifications/read', { method: 'POST', body: {} });
    await qc.invalidateQueries({ queryKey: ['notifications'] });
  };
  const unread = notes.data?.unread ?? 0;
  return (
    <Menu position="bottom-end" width={380}>
      <Menu.Target>
        <Indicator disabled={unread === 0} label={unread} size={16} color="red">
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('notifications.title')}
            data-testid="notifications"
          >
            <svg
              viewBox="0 0 24 24"
              width="20"
              height="20"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              aria-hidden="true"
            >
              <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
              <path d="M13.73 21a2 2 0 0 1-3.46 0" />
            </svg>
          </ActionIcon>
        </Indicator>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('notifications.title')}</Menu.Label>
        {(notes.data?.items.length ?? 0) === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            {t('notifications.none')}
          </Text>
        )}
        {notes.data?.items.map((n) => (
          <Menu.Item key={n.id} onClick={() => open(n)}>
            <Stack gap={0}>
              <Text size="sm" fw={n.read ? 400 : 600}>
                {n.text}
              </Text>
              <Text size="xs" c="dimmed">
                {new Date(n.createdAt).toLocaleString()}
              </Text>
            </Stack>
          </Menu.Item>
        ))}
        {unread > 0 && (
          <>
            <Menu.Divider />
            <Menu.Item onClick={readAll}>
              <Badge variant="light">{t('notifications.readAll')}</Badge>
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
