import { Anchor, Button, FileButton, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { attachmentUrl, useAddLink, useAttach, useLinksAndFiles } from './data.ts';

const kinds = ['relates_to', 'caused_by', 'duplicate_of', 'parent_of', 'resolved_by'];

/** A work item's links to other work items and its attachments, with the forms to add them: any type's page shows them. */
export function WorkItemLinks({
  number,
  version,
  editable,
  canAttach,
}: {
  number: string;
  version: number;
  editable: boolean;
  canAttach: boolean;
}) {
  const { t } = useTranslation();
  const { links, files } = useLinksAndFiles(number, version);
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<string | null>('relates_to');
  const addLink = useAddLink(number, { onSaved: () => setTo('') });
  const attach = useAttach(number);
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        {t('incidents.related')}
      </Text>
      {links.length === 0 && <Text size="sm">—</Text>}
      {links.map((l) => {
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
          <Button
            size="xs"
            variant="light"
            onClick={() => addLink.save({ to: to.trim(), kind })}
            disabled={!to.trim()}
          >
            {t('incidents.link')}
          </Button>
        </Group>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('incidents.attachments')}
      </Text>
      {files.length === 0 && <Text size="sm">—</Text>}
      {files.map((f) => (
        <Anchor key={f.id} href={attachmentUrl(f.id)} size="sm">
          {f.fileName} ({Math.ceil(f.size / 1024)} KB)
        </Anchor>
      ))}
      {canAttach && (
        <FileButton onChange={(file) => file && attach.save(file)}>
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
