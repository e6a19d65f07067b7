import { ActionIcon, Group, Paper, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { showProblem } from '../app/showProblem.ts';
import { CiPicker } from '../cmdb/CiPicker.tsx';
import type { Incident } from './types.ts';
import { WorkItemLinks } from './WorkItemLinks.tsx';

/** Related work items, attachments and the affected CIs a person adds: the incident's context. */
export function RelatedPanel({
  incident,
  editable,
  canAttach,
  onChange,
}: {
  incident: Incident;
  editable: boolean;
  canAttach: boolean;
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
    <Paper withBorder p="md">
      <Stack gap="sm">
        <WorkItemLinks
          number={incident.number}
          version={incident.version}
          queryKey={['incident', incident.number]}
          editable={editable}
          canAttach={canAttach}
        />
        {editable && (
          <Group align="flex-end" gap="xs">
            <div style={{ flex: 1 }}>
              <CiPicker label={t('incidents.addCi')} value={ci} onChange={setCi} />
            </div>
            <ActionIcon
              variant="light"
              size="lg"
              onClick={addCi}
              disabled={!ci}
              aria-label={t('incidents.addCi')}
            >
              +
            </ActionIcon>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
