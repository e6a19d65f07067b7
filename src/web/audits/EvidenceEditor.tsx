import { ActionIcon, Anchor, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type EvidenceRef, recordPath, sentIndex } from './data.ts';

// a file needs an attachment's id, and there is no picker for one yet: files are referenced by a link
const kinds = ['record', 'link'] as const;

/** Where a reference leads in the web app: a record by its code's page, an address as it is. */
export function evidenceHref(e: EvidenceRef): { to: string } | { href: string } | null {
  if (e.kind === 'link' && /^https?:\/\//i.test(e.ref)) return { href: e.ref };
  const to = e.kind === 'record' ? recordPath(e.ref) : null;
  return to ? { to } : null;
}

/** The evidence references of an answer or a finding, read-only: linked where they lead somewhere. */
export function EvidenceList({ evidence }: { evidence: EvidenceRef[] }) {
  const { t } = useTranslation();
  if (!evidence.length) return null;
  return (
    <Group gap="xs">
      <Text size="xs" c="dimmed">
        {t('internalAudits.evidence')}:
      </Text>
      {evidence.map((e, i) => {
        const to = evidenceHref(e);
        const text = e.label ? `${e.label} (${e.ref})` : e.ref;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: references have no id and may repeat
          <Text key={`${e.ref}-${i}`} size="xs" component="span">
            {to && 'to' in to ? (
              <Anchor component={Link} to={to.to} size="xs">
                {text}
              </Anchor>
            ) : to ? (
              <Anchor href={to.href} target="_blank" rel="noreferrer" size="xs">
                {text}
              </Anchor>
            ) : (
              text
            )}
          </Text>
        );
      })}
    </Group>
  );
}

/**
 * Editing evidence references: a record in Keel by its number or code (CHG-000012, RSK-004) or an address;
 * each with an optional label. `errors` are the API's messages by field (evidence.0.ref) for the references
 * as sent (empty rows dropped, data.ts `sentEvidence`), mapped back to the rows here.
 */
export function EvidenceEditor(props: {
  value: EvidenceRef[];
  onChange: (v: EvidenceRef[]) => void;
  errors?: Record<string, string>;
  testId?: string;
  /** Without its heading, for a checklist item (its notes say what it is). */
  bare?: boolean;
  /** Buttons that go before "Add evidence" (the item's Save). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<EvidenceRef>) =>
    props.onChange(props.value.map((e, j) => (i === j ? { ...e, ...patch } : e)));
  const error = (i: number, field: 'ref' | 'label' | 'kind') => {
    const n = sentIndex(props.value, i);
    return n === null ? undefined : props.errors?.[`evidence.${n}.${field}`];
  };
  return (
    <Stack gap={6} data-testid={props.testId}>
      {!props.bare && (
        <Text size="sm" fw={500}>
          {t('internalAudits.evidence')}
        </Text>
      )}
      {props.value.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: references have no id and may repeat while typed
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <Select
            aria-label={t('internalAudits.evidenceKind')}
            w={140}
            data={[...kinds, ...(e.kind === 'attachment' ? ['attachment' as const] : [])].map((k) => ({
              value: k,
              label: t(`internalAudits.evidenceKinds.${k}`),
            }))}
            value={e.kind}
            error={error(i, 'kind')}
            onChange={(v) => v && set(i, { kind: v as EvidenceRef['kind'] })}
            allowDeselect={false}
          />
          <TextInput
            aria-label={t('internalAudits.evidenceRef')}
            placeholder={t(`internalAudits.evidencePlaceholder.${e.kind}`)}
            style={{ flex: 1 }}
            value={e.ref}
            onChange={(x) => set(i, { ref: x.currentTarget.value })}
            error={error(i, 'ref')}
          />
          <TextInput
            aria-label={t('internalAudits.evidenceLabel')}
            placeholder={t('internalAudits.evidenceLabel')}
            style={{ flex: 1 }}
            value={e.label}
            onChange={(x) => set(i, { label: x.currentTarget.value })}
            error={error(i, 'label')}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={6}
            aria-label={t('internalAudits.removeEvidence')}
            onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group gap="xs">
        {props.children}
        <Button
          size="xs"
          variant="subtle"
          onClick={() => props.onChange([...props.value, { kind: 'record', ref: '', label: '' }])}
        >
          {t('internalAudits.addEvidence')}
        </Button>
      </Group>
    </Stack>
  );
}
