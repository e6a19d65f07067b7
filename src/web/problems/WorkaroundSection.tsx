import { Badge, Button, Group, Paper, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Problem, useUpdateProblem } from './data.ts';

/**
 * The workaround: how to restore service until the cause is removed, and whether customers may read it (it
 * reaches them only as a public note on their incident).
 */
export function WorkaroundSection({ problem: p }: { problem: Problem }) {
  const { t } = useTranslation();
  const [text, setText] = useState(p.workaround);
  const [pub, setPub] = useState(p.workaroundPublic);
  const [seen, setSeen] = useState(p.version);
  if (seen !== p.version) {
    setSeen(p.version);
    setText(p.workaround);
    setPub(p.workaroundPublic);
  }
  const update = useUpdateProblem(p.number);
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
            onChange={(e) => setText(e.currentTarget.value)}
            error={update.errors.workaround}
            data-testid="workaround-text"
          />
          <Switch
            label={t('problems.workaroundPublicLabel')}
            description={t('problems.workaroundPublicHelp')}
            checked={pub}
            onChange={(e) => setPub(e.currentTarget.checked)}
            data-testid="workaround-public"
          />
          <Group>
            <Button
              onClick={() =>
                update.save({ patch: { workaround: text, workaroundPublic: pub }, version: p.version })
              }
              loading={update.saving}
              disabled={text === p.workaround && pub === p.workaroundPublic}
              data-testid="workaround-save"
            >
              {t('problems.saveWorkaround')}
            </Button>
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
