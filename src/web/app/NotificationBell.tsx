import { ActionIcon, Badge, Indicator, Menu, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type Notification as Note, useMarkRead, useNotifications } from './data.ts';
import { formatInstant } from './dates.ts';

/** What Keel has told this person: unread count on the bell, the latest in its menu. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notes = useNotifications();
  const markRead = useMarkRead();
  // a note opens its link even when marking it read fails
  const open = async (n: Note) => {
    await markRead.save([n.id]);
    if (n.link) navigate(n.link);
  };
  const readAll = () => markRead.save(undefined);
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
                {formatInstant(n.createdAt)}
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
