import { Button, Group, Paper, Select, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscalate } from './data.ts';
import { useDeskOptions } from './options.ts';

export type EscalationKind = 'functional' | 'hierarchical';

/** Escalating an incident: to another group (functional), or up the management line (hierarchical). */
export function EscalationForm(props: { number: string; kind: EscalationKind; onClose: () => void }) {
  const { t } = useTranslation();
  const opts = useDeskOptions();
  const [groupId, setGroupId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const escalate = useEscalate(props.number, { onSaved: props.onClose });
  const label = t(`incidents.${props.kind === 'functional' ? 'escalateFunctional' : 'escalateHierarchical'}`);
  return (
    <Paper withBorder p="sm">
      <Group align="flex-end">
        {props.kind === 'functional' && (
          <Select
            label={t('incidents.group')}
            data={opts.groupOptions}
            value={groupId}
            onChange={setGroupId}
            w={240}
          />
        )}
        <Textarea
          label={t('incidents.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          w={380}
          autosize
        />
        <Button
          onClick={() =>
            escalate.save(
              props.kind === 'functional'
                ? { kind: 'functional', groupId, reason }
                : { kind: 'hierarchical', reason },
            )
          }
        >
          {label}
        </Button>
        <Button variant="default" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Paper>
  );
}
