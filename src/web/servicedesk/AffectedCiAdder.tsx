import { ActionIcon, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { showProblem } from '../app/showProblem.ts';
import { CiPicker } from '../cmdb/CiPicker.tsx';
import type { Incident } from './types.ts';

/** Adds a CI a person names to an incident's affected CIs (those computed from its service stay). */
export function AffectedCiAdder({
  incident,
  onChange,
}: {
  incident: Incident;
  onChange: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [ci, setCi] = useState<string | null>(null);
  const addCi = async () => {
    if (!ci) return;
    const manual = incident.cis.filter((c) => c.source === 'manual').map((c) => c.id);
    try {
      await api(`/api/v1/incidents/${incident.number}`, {
        method: 'PATCH',
        body: { ciIds: [...new Set([...manual, ci])] },
        headers: { 'if-match': `"${incident.version}"` },
      });
      setCi(null);
      await onChange();
    } catch (e) {
      showProblem(t('common.error'), e);
    }
  };
  return (
    <Group align="flex-end" gap="xs">
      <div style={{ flex: 1 }}>
        <CiPicker label={t('incidents.addCi')} value={ci} onChange={setCi} />
      </div>
      <ActionIcon variant="light" size="lg" onClick={addCi} disabled={!ci} aria-label={t('incidents.addCi')}>
        +
      </ActionIcon>
    </Group>
  );
}
