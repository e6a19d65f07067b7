import { Button, Group, Menu } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session.ts';
import { type TransitionChoice, TransitionDialog } from '../records/TransitionDialog.tsx';
import { type Incident, useIncidentTransition, useMajor } from './data.ts';
import type { EscalationKind } from './EscalationForm.tsx';
import { IncidentTransitionFields } from './IncidentTransitionFields.tsx';

/**
 * The steps the reader may take on an incident now (from its transitions), declaring it major, escalating it.
 * A step that needs input opens the transition dialog, which shows a refusal beside its fields; a step
 * without input fires at once and a refusal shows as a notice.
 */
export function IncidentActions(props: {
  incident: Incident;
  mayDeclareMajor: boolean;
  onEscalate: (kind: EscalationKind) => void;
}) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const inc = props.incident;
  const [transition, setTransition] = useState<TransitionChoice | null>(null);
  const quick = useIncidentTransition(inc.number);
  const inDialog = useIncidentTransition(inc.number, { noForm: false, problemInForm: true });
  const major = useMajor(inc.number);
  const choose = (tr: TransitionChoice) => {
    if (tr.requires.length > 0 || tr.name === 'assign') setTransition(tr);
    else void quick.save({ to: tr.to, input: {}, version: inc.version });
  };
  const declareMajor = () => {
    const reason = window.prompt(t('incidents.majorReason'));
    if (reason) void major.save({ ownerId: me.id, reason });
  };
  const editable = inc.abilities.edit;
  return (
    <Group gap="xs">
      {inc.transitions.map((tr) => (
        <Button
          key={tr.name}
          variant={tr.name === 'resolve' ? 'filled' : 'light'}
          onClick={() => choose(tr)}
          data-testid={`action-${tr.name}`}
        >
          {t(`incidents.action.${tr.name}`)}
        </Button>
      ))}
      {editable && !inc.major && props.mayDeclareMajor && (
        <Button variant="default" color="red" onClick={declareMajor} data-testid="declare-major">
          {t('incidents.declareMajor')}
        </Button>
      )}
      {editable && (
        <Menu>
          <Menu.Target>
            <Button variant="default">{t('incidents.escalate')}</Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => props.onEscalate('functional')}>
              {t('incidents.escalateFunctional')}
            </Menu.Item>
            <Menu.Item onClick={() => props.onEscalate('hierarchical')}>
              {t('incidents.escalateHierarchical')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      <TransitionDialog
        transition={transition}
        title={(tr) => t(`incidents.action.${tr.name}`)}
        fields={(inputs) => <IncidentTransitionFields {...inputs} serviceId={inc.serviceId} />}
        fire={inDialog}
        version={inc.version}
        onClose={() => setTransition(null)}
      />
    </Group>
  );
}
