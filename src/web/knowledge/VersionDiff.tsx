import { Group, Paper, Select, Stack, Text, VisuallyHidden } from '@mantine/core';
import { diffWordsWithSpace } from 'diff';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleVersion } from './data.ts';
import { htmlToText } from './text.ts';

export type DiffRun = { text: string; op: 'same' | 'added' | 'removed' };

/**
 * What changed from one text to another, word by word (jsdiff), as runs a reader can follow: unchanged,
 * added, removed. Exported for its test.
 */
export const diffRuns = (before: string, after: string): DiffRun[] =>
  diffWordsWithSpace(before, after).map((c) => ({
    text: c.value,
    op: c.added ? 'added' : c.removed ? 'removed' : 'same',
  }));

/** One field's changes: removed words struck through in red, added ones marked, the rest as it was. */
function Changes({ label, before, after }: { label: string; before: string; after: string }) {
  const { t } = useTranslation();
  const runs = diffRuns(before, after);
  const changed = runs.some((r) => r.op !== 'same');
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      {changed ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {runs.map((r, i) =>
            r.op === 'same' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one diff never reorder
              <span key={i}>{r.text}</span>
            ) : r.op === 'added' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <ins key={i} style={{ background: 'var(--mantine-color-green-1)', textDecoration: 'none' }}>
                <VisuallyHidden>{t('knowledge.diff.added')}</VisuallyHidden>
                {r.text}
              </ins>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <del key={i} style={{ color: 'var(--mantine-color-red-7)' }}>
                <VisuallyHidden>{t('knowledge.diff.removed')}</VisuallyHidden>
                {r.text}
              </del>
            ),
          )}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('knowledge.diff.unchanged')}
        </Text>
      )}
    </div>
  );
}

/**
 * Two versions of an article side by side in one text: pick the older and the newer (by default the one
 * before the chosen version and the chosen one), and see title, summary and text as changed.
 */
export function VersionDiff(props: { versions: ArticleVersion[]; initial: number }) {
  const { t } = useTranslation();
  const numbers = props.versions.map((v) => v.number).sort((a, b) => a - b);
  const [to, setTo] = useState(props.initial);
  const [from, setFrom] = useState(numbers.filter((n) => n < props.initial).at(-1) ?? props.initial);
  const older = props.versions.find((v) => v.number === from);
  const newer = props.versions.find((v) => v.number === to);
  const option = (n: number) => {
    const v = props.versions.find((x) => x.number === n)!;
    return { value: String(n), label: `v${n} · ${t(`knowledge.versionState.${v.state}`)}` };
  };
  return (
    <Paper withBorder p="md" data-testid="version-diff">
      <Stack gap="sm">
        <Group gap="sm" align="flex-end">
          <Select
            label={t('knowledge.diff.from')}
            data={numbers.map(option)}
            value={String(from)}
            onChange={(v) => v && setFrom(Number(v))}
            allowDeselect={false}
            w={200}
            data-testid="diff-from"
          />
          <Select
            label={t('knowledge.diff.to')}
            data={numbers.map(option)}
            value={String(to)}
            onChange={(v) => v && setTo(Number(v))}
            allowDeselect={false}
            w={200}
            data-testid="diff-to"
          />
        </Group>
        {older && newer && (
          <>
            <Changes label={t('knowledge.field.title')} before={older.title} after={newer.title} />
            <Changes label={t('knowledge.field.summary')} before={older.summary} after={newer.summary} />
            <Changes
              label={t('knowledge.field.body')}
              before={htmlToText(older.body)}
              after={htmlToText(newer.body)}
            />
            {newer.changeNote && (
              <Text size="sm">
                <b>{t('knowledge.field.changeNote')}:</b> {newer.changeNote}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
