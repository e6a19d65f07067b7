import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../app/showProblem.ts';
import type { SaveMutation } from '../app/useSave.ts';
import type { TransitionChoice, TransitionRequest } from './data.ts';

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
 * lifecycle requires one. `fire` is the type's transition write, kept in the form: a refusal without field
 * errors (another change came first, a role is missing) is said above the buttons.
 */
export function TransitionDialog(props: {
  transition: TransitionChoice | null;
  title: (transition: TransitionChoice) => string;
  fields?: (inputs: TransitionInputs) => ReactNode;
  fire: SaveMutation<TransitionRequest>;
  version: number;
  onClose: () => void;
  /** What the inputs start from when it opens (text typed elsewhere on the page and not saved yet). */
  initial?: (transition: TransitionChoice) => Record<string, string>;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState<Record<string, string>>({});
  const tr = props.transition;
  const { fire } = props;
  // each opening starts clean (or from `initial`): no input left over from the last one, and closing
  // forgets its refusal
  const [shownFor, setShownFor] = useState<TransitionChoice | null>(null);
  if (tr !== shownFor) {
    setShownFor(tr);
    setInput(tr && props.initial ? props.initial(tr) : {});
  }
  const close = () => {
    fire.reset();
    props.onClose();
  };
  const set = (k: string, v: string | null) => setInput((i) => ({ ...i, [k]: v ?? '' }));
  const confirm = async () => {
    if (!tr) return;
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== ''));
    if (await fire.save({ to: tr.to, input: given, version: props.version })) {
      setInput({});
      close();
    }
  };
  const general = fire.problem && !fire.problem.errors.length ? problemText(fire.problem) : null;
  return (
    <Modal opened={!!tr} onClose={close} title={tr ? props.title(tr) : ''}>
      <Stack>
        {tr && props.fields?.({ transition: tr, input, set, errors: fire.errors })}
        {tr?.requires.includes('reason') && (
          <Textarea
            label={t('incidents.reason')}
            autosize
            minRows={2}
            value={input.reason ?? ''}
            onChange={(e) => set('reason', e.currentTarget.value)}
            error={fire.errors.reason ?? fire.errors.to}
          />
        )}
        {general && (
          <Text c="red" size="sm">
            {general}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button onClick={confirm} loading={fire.saving} data-testid="confirm-transition">
            {tr ? props.title(tr) : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
