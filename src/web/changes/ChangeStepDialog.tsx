import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeOutcomes } from '../../modules/changes/lifecycle.ts';
import { type Change, useChangeTransition } from './data.ts';

/** The inputs each step asks for in its dialog; those asking nothing fire at once. */
export const asks: Record<string, Array<'reason' | 'note' | 'outcome' | 'outcomeNote'>> = {
  approve: ['note'],
  reject: ['reason'],
  complete: ['outcome', 'outcomeNote'],
  close: ['note'],
  cancel: ['reason'],
};
const inputs = ['reason', 'note', 'outcome', 'outcomeNote'];

/**
 * Takes a step that asks for something (a note, a reason, the outcome). A refusal naming the plan's fields
 * (a plan not ready for approval) is said here, with the fields it needs.
 */
export function ChangeStepDialog(props: {
  change: Change;
  step: string;
  /** Kept by the page: what was typed stays when the dialog is closed to fix the plan and opened again. */
  input: Record<string, string>;
  setInput: (input: Record<string, string>) => void;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { change: c, step, input, setInput } = props;
  const fire = useChangeTransition(c.number, { onSaved: props.onDone });
  const field = (k: string) => t(`changes.field.${k}`);
  const planErrors = Object.entries(fire.errors).filter(([k]) => !inputs.includes(k));
  const confirm = () =>
    fire.save({
      to: c.transitions.find((x) => x.name === step)!.to,
      input: Object.fromEntries(Object.entries(input).filter(([, v]) => v.trim())),
      version: c.version,
    });
  return (
    <Modal opened onClose={props.onClose} title={t(`changes.action.${step}`)}>
      <Stack>
        {planErrors.length > 0 && (
          <Text c="red" size="sm" data-testid="change-not-ready">
            {t('changes.notReady')}{' '}
            {planErrors.map(([k, m]) => `${t(`changes.field.${k}`, { defaultValue: k })}: ${m}`).join('; ')}
          </Text>
        )}
        {asks[step]!.includes('outcome') && (
          <Select
            label={field('outcome')}
            required
            data={changeOutcomes.map((o) => ({ value: o, label: t(`changes.outcome.${o}`) }))}
            value={input.outcome ?? null}
            onChange={(v) => setInput({ ...input, outcome: v ?? '' })}
            error={fire.errors.outcome}
            data-testid="change-outcome-select"
          />
        )}
        {asks[step]!.filter((k) => k !== 'outcome').map((k) => (
          <Textarea
            key={k}
            label={field(k)}
            required={k === 'reason'}
            autosize
            minRows={2}
            value={input[k] ?? ''}
            onChange={(e) => setInput({ ...input, [k]: e.currentTarget.value })}
            error={fire.errors[k]}
          />
        ))}
        <Group>
          <Button onClick={confirm} data-testid="change-confirm">
            {t(`changes.action.${step}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
