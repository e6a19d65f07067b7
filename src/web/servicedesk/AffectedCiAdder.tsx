import { ActionIcon, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CiPicker } from '../cmdb/CiPicker.tsx';
import { type Incident, useUpdateIncident } from './data.ts';

/** Adds a CI a person names to an incident's affected CIs (those computed from its service stay). */
export function AffectedCiAdder({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [ci, setCi] = useState<string | null>(null);
  const update = useUpdateIncident(incident.number, { onSaved: () => setCi(null) });
  const addCi = () => {
    if (!ci) return;
    const manual = incident.cis.filter((c) => c.source === 'manual').map((c) => c.id);
    void update.save({ patch: { ciIds: [...new Set([...manual, ci])] }, version: incident.version });
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
