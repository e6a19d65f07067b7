import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api.ts';
import { problemText } from '../app/showProblem.ts';
import type { TransitionChoice } from './data.ts';

export type { TransitionChoice };

/** What a type's own inputs for a transition get: the input so far, a setter and the refusals per field. */
export type TransitionInputs = {
  transition: TransitionChoice;
  input: Record<string, string>;
  set: (key: string, value: string | null) => void;
  errors: Record<string, string>;
};

/**
 * Asks for what a transition needs and fires it: the type's own inputs (`fields`), then a reason where the
 * lifecycle requires one. A refusal shows beside the fields.
 */
export function TransitionDialog(props: {
  transition: TransitionChoice | null;
  title: (transition: TransitionChoice) => string;
  fields?: (inputs: TransitionInputs) => ReactNode;
  onClose: () => void;
  onFire: (to: string, input: Record<string, string>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const tr = props.transition;
  // each opening starts clean: no reason or error left over from the last one
  const [shownFor, setShownFor] = useState<TransitionChoice | null>(null);
  if (tr !== shownFor) {
    setShownFor(tr);
    setInput({});
    setErrors({});
  }
  const set = (k: string, v: string | null) => setInput((i) => ({ ...i, [k]: v ?? '' }));
  const fire = async () => {
    if (!tr) return;
    setBusy(true);
    setErrors({});
    try {
      await props.onFire(tr.to, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '')));
      setInput({});
      props.onClose();
    } catch (e) {
      // a refusal without field errors (another change came first, a role is missing) is said above the buttons
      setErrors(e instanceof ApiProblem && e.errors.length ? e.fieldErrors() : { general: problemText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={!!tr} onClose={props.onClose} title={tr ? props.title(tr) : ''}>
      <Stack>
        {tr && props.fields?.({ transition: tr, input, set, errors })}
        {tr?.requires.includes('reason') && (
          <Textarea
            label={t('incidents.reason')}
            autosize
            minRows={2}
            value={input.reason ?? ''}
            onChange={(e) => set('reason', e.currentTarget.value)}
            error={errors.reason ?? errors.to}
          />
        )}
        {errors.general && (
          <Text c="red" size="sm">
            {errors.general}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={fire} loading={busy} data-testid="confirm-transition">
            {tr ? props.title(tr) : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
