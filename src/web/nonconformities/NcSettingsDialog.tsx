import { NumberInput, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClosedBy, closers } from '../../modules/nonconformities/lifecycle.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { type NcSettingsInput, useNcSettings, useSaveNcSettings } from './data.ts';

/** Who closes nonconformities (and checks effectiveness), and how long after the actions the check is due. */
export function NcSettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const q = useNcSettings();
  const s = q.data;
  const [draft, setDraft] = useState<NcSettingsInput | null>(null);
  const save = useSaveNcSettings({ onSaved: onClose });
  const shown = draft ?? (s ? { closedBy: s.closedBy, effectivenessDays: s.effectivenessDays } : null);
  return (
    <FormDialog
      title={t('nonconformities.settings.title')}
      onClose={onClose}
      onSave={() => shown && s && save.save({ body: shown, version: s.version })}
      saving={save.saving}
      saveDisabled={!shown}
      saveTestId="nc-settings-save"
    >
      {!shown ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : (
        <Stack>
          <Radio.Group
            label={t('nonconformities.settings.closedBy')}
            description={t('nonconformities.settings.closedByHelp')}
            value={shown.closedBy}
            onChange={(v) => setDraft({ ...shown, closedBy: v as ClosedBy })}
            error={save.errors.closedBy}
          >
            <Stack gap="xs" mt="xs">
              {closers.map((c) => (
                <Radio key={c} value={c} label={t(`nonconformities.settings.closer.${c}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <NumberInput
            label={t('nonconformities.settings.effectivenessDays')}
            description={t('nonconformities.settings.effectivenessDaysHelp')}
            min={1}
            max={730}
            value={shown.effectivenessDays}
            onChange={(v) => setDraft({ ...shown, effectivenessDays: typeof v === 'number' ? v : 0 })}
            error={save.errors.effectivenessDays}
          />
        </Stack>
      )}
    </FormDialog>
  );
}
