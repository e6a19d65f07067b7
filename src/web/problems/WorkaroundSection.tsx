import { Badge, Button, Group, Paper, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Problem, useUpdateProblem } from './data.ts';
import { type FieldDrafts, movedUnder, shown, unsaved } from './drafts.ts';

export type Workaround = Pick<Problem, 'workaround' | 'workaroundPublic'>;
export const workaroundOf = (p: Problem): Workaround => ({
  workaround: p.workaround,
  workaroundPublic: p.workaroundPublic,
});

/**
 * The workaround: how to restore service until the cause is removed, and whether customers may read it (it
 * reaches them only as a public note on their incident). What is typed is kept in `drafts` (the page's, so
 * the known-error dialog starts from it) until saved or discarded, whatever else is saved meanwhile; a
 * workaround saved by someone else under an edit is said.
 */
export function WorkaroundSection({
  problem: p,
  drafts,
}: {
  problem: Problem;
  drafts: FieldDrafts<Workaround>;
}) {
  const { t } = useTranslation();
  const saved = workaroundOf(p);
  const { workaround: text, workaroundPublic: pub } = shown(saved, drafts.edits);
  const changes = unsaved(saved, drafts.edits);
  const moved = movedUnder(saved, drafts.edits);
  const changed = Object.keys(changes).length > 0;
  const update = useUpdateProblem(p.number, {
    onSaved: (_, sent) => drafts.settle(sent.patch as Partial<Workaround>),
  });
  const editable = p.abilities.edit && !p.final;
  const audience = (
    <Badge variant="light" color={p.workaroundPublic ? 'teal' : 'gray'} data-testid="workaround-audience">
      {t(p.workaroundPublic ? 'problems.workaroundPublic' : 'problems.workaroundInternal')}
    </Badge>
  );
  return (
    <Paper withBorder p="md" data-testid="problem-workaround">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('problems.field.workaround')}</Title>
        {!editable && p.workaround && audience}
      </Group>
      {editable ? (
        <Stack gap="sm">
          <Textarea
            aria-label={t('problems.field.workaround')}
            description={t('problems.workaroundHelp')}
            autosize
            minRows={3}
            value={text}
            onChange={(e) => drafts.set(saved, { workaround: e.currentTarget.value })}
            error={update.errors.workaround}
            data-testid="workaround-text"
          />
          <Switch
            label={t('problems.workaroundPublicLabel')}
            description={t('problems.workaroundPublicHelp')}
            checked={pub}
            onChange={(e) => drafts.set(saved, { workaroundPublic: e.currentTarget.checked })}
            data-testid="workaround-public"
          />
          {moved.length > 0 && (
            <Text size="sm" c="orange.8" data-testid="workaround-changed-under">
              {t('problems.changedUnder', {
                fields: moved
                  .map((k) =>
                    t(k === 'workaround' ? 'problems.field.workaround' : 'problems.workaroundPublicLabel'),
                  )
                  .join(', '),
              })}
            </Text>
          )}
          <Group>
            <Button
              onClick={() => update.save({ patch: changes, version: p.version })}
              loading={update.saving}
              disabled={!changed}
              data-testid="workaround-save"
            >
              {t('problems.saveWorkaround')}
            </Button>
            {changed && (
              <Button variant="subtle" onClick={drafts.discard}>
                {t('problems.discard')}
              </Button>
            )}
          </Group>
        </Stack>
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {p.workaround || t('problems.noWorkaround')}
        </Text>
      )}
    </Paper>
  );
}
