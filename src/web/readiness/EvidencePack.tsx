import { Alert, Button, Group, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayMakeEvidencePack } from '../../modules/readiness/policy.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import { useEvidencePack } from './data.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The periods an auditor asks for most: the last twelve months, this year so far, last year. */
function presets(today: Date) {
  const y = today.getUTCFullYear();
  const yearAgo = new Date(today);
  yearAgo.setUTCFullYear(y - 1);
  yearAgo.setUTCDate(yearAgo.getUTCDate() + 1);
  return {
    last12: { from: iso(yearAgo), to: iso(today) },
    thisYear: { from: `${y}-01-01`, to: iso(today) },
    lastYear: { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` },
  };
}

function PackDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const choices = presets(new Date());
  const [period, setPeriod] = useState(choices.last12);
  const [saved, setSaved] = useState<string | null>(null);
  const pack = useEvidencePack({ problemInForm: true, onSaved: (name) => setSaved(name) });
  return (
    <FormDialog
      title={t('readiness.pack.title')}
      size="lg"
      onClose={onClose}
      onSave={() => pack.save({ ...period, csrfToken: me.csrfToken })}
      saving={pack.saving}
      saveLabel={t('readiness.pack.make')}
      saveTestId="pack-make"
      done={
        saved ? (
          <>
            <Text data-testid="pack-saved">{t('readiness.pack.saved', { name: saved })}</Text>
            <Group justify="flex-end" mt="md">
              <Button onClick={onClose}>{t('common.close')}</Button>
            </Group>
          </>
        ) : undefined
      }
    >
      <Text size="sm" c="dimmed">
        {t('readiness.pack.intro')}
      </Text>
      <Group gap="xs">
        {(['last12', 'thisYear', 'lastYear'] as const).map((p) => (
          <Button
            key={p}
            size="xs"
            variant={period.from === choices[p].from && period.to === choices[p].to ? 'filled' : 'default'}
            onClick={() => setPeriod(choices[p])}
          >
            {t(`readiness.pack.${p}`)}
          </Button>
        ))}
      </Group>
      <SimpleGrid cols={2}>
        <TextInput
          type="date"
          label={t('readiness.pack.from')}
          required
          value={period.from}
          onChange={(e) => setPeriod({ ...period, from: e.currentTarget.value })}
          error={pack.errors.from}
          data-testid="pack-from"
        />
        <TextInput
          type="date"
          label={t('readiness.pack.to')}
          required
          value={period.to}
          onChange={(e) => setPeriod({ ...period, to: e.currentTarget.value })}
          error={pack.errors.to}
          data-testid="pack-to"
        />
      </SimpleGrid>
      {pack.saving && (
        <Text size="sm" c="dimmed">
          {t('readiness.pack.making')}
        </Text>
      )}
      {pack.problem && !pack.problem.errors.length && (
        <Alert color="red" title={pack.problem.title}>
          {pack.problem.message}
        </Alert>
      )}
    </FormDialog>
  );
}

/**
 * "Download evidence pack": for internal auditors and the head of service management (the rule the server
 * applies), a period picker that makes the ZIP and saves it.
 */
export function EvidencePackButton() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [open, setOpen] = useState(false);
  if (!mayMakeEvidencePack(me)) return null;
  return (
    <>
      <Button variant="light" onClick={() => setOpen(true)} data-testid="evidence-pack">
        {t('readiness.pack.button')}
      </Button>
      {open && <PackDialog onClose={() => setOpen(false)} />}
    </>
  );
}
