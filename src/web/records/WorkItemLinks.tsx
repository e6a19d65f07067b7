import { Anchor, Button, FileButton, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, get } from '../api.ts';
import { showProblem } from '../app/showProblem.ts';

type LinkRow = { id: string; kind: string; from: string; to: string; direction: 'outgoing' | 'incoming' };
type Attachment = { id: string; fileName: string; size: number; createdAt: string };
const kinds = ['relates_to', 'caused_by', 'duplicate_of', 'parent_of', 'resolved_by'];

/**
 * A work item's links to other work items and its attachments, with the forms to add them: any type's page
 * shows them. `queryKey` is the page's own query, refreshed after a change.
 */
export function WorkItemLinks({
  number,
  version,
  queryKey,
  editable,
  canAttach,
}: {
  number: string;
  version: number;
  queryKey: unknown[];
  editable: boolean;
  canAttach: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const links = useQuery({
    queryKey: [...queryKey, 'links', version],
    queryFn: () => get<{ items: LinkRow[] }>(`/api/v1/work-items/${number}/links`),
  });
  const files = useQuery({
    queryKey: [...queryKey, 'attachments', version],
    queryFn: () => get<{ items: Attachment[] }>(`/api/v1/work-items/${number}/attachments`),
  });
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<string | null>('relates_to');
  const fail = (e: unknown) => showProblem(t('common.error'), e);
  const addLink = async () => {
    try {
      await api(`/api/v1/work-items/${number}/links`, { method: 'POST', body: { to: to.trim(), kind } });
      setTo('');
      await qc.invalidateQueries({ queryKey });
    } catch (e) {
      fail(e);
    }
  };
  const upload = async (file: File | null) => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    try {
      await api(`/api/v1/work-items/${number}/attachments`, { method: 'POST', form });
    } catch (e) {
      fail(e);
    }
    await qc.invalidateQueries({ queryKey });
  };
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        {t('incidents.related')}
      </Text>
      {(links.data?.items.length ?? 0) === 0 && <Text size="sm">—</Text>}
      {links.data?.items.map((l) => {
        const other = l.direction === 'outgoing' ? l.to : l.from;
        return (
          <Group key={l.id} gap={6} data-testid="work-item-link">
            <Text size="sm">{t(`incidents.linkKind.${l.kind}`, { defaultValue: l.kind })}</Text>
            <Anchor component={Link} to={`/work-items/${other}`} size="sm">
              {other}
            </Anchor>
            {l.direction === 'incoming' && (
              <Text size="xs" c="dimmed">
                ({t('incidents.incoming')})
              </Text>
            )}
          </Group>
        );
      })}
      {editable && (
        <Group align="flex-end" gap="xs">
          <Select
            data={kinds.map((k) => ({ value: k, label: t(`incidents.linkKind.${k}`) }))}
            value={kind}
            onChange={setKind}
            w={150}
            size="xs"
            allowDeselect={false}
            aria-label={t('incidents.linkKindLabel')}
          />
          <TextInput
            placeholder="INC-000123"
            aria-label={t('incidents.linkTo')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            size="xs"
            w={120}
          />
          <Button size="xs" variant="light" onClick={addLink} disabled={!to.trim()}>
            {t('incidents.link')}
          </Button>
        </Group>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('incidents.attachments')}
      </Text>
      {(files.data?.items.length ?? 0) === 0 && <Text size="sm">—</Text>}
      {files.data?.items.map((f) => (
        <Anchor key={f.id} href={`/api/v1/attachments/${f.id}`} size="sm">
          {f.fileName} ({Math.ceil(f.size / 1024)} KB)
        </Anchor>
      ))}
      {canAttach && (
        <FileButton onChange={upload}>
          {(props) => (
            <Button size="xs" variant="default" {...props}>
              {t('incidents.attach')}
            </Button>
          )}
        </FileButton>
      )}
    </Stack>
  );
}
