import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api.ts';
import { showProblem } from './showProblem.ts';

/** What a page may add to a data hook's write: how it goes on, and how it shows what went wrong. */
export type SaveHooks<Input, Output> = {
  /** Runs after the write and the refresh: close the dialog, open the new record, clear the input. */
  onSaved?: (output: Output, input: Input) => void | Promise<void>;
  /** A problem naming no field is kept in `problem` for the form to show beside its fields, not in a notice. */
  problemInForm?: boolean;
  /** No form shows field errors (a button, a quick change): every problem, field errors too, is a notice. */
  noForm?: boolean;
  /** Problems the page answers itself (a version someone else changed first); true when it did. */
  onProblem?: (problem: ApiProblem) => boolean | Promise<boolean>;
  /** The form's name for a field the API names otherwise (answers.size is the form's size). */
  fieldName?: (field: string) => string;
};

export type SaveOptions<Input, Output> = SaveHooks<Input, Output> & {
  /** The write itself: one call of the area's API. */
  send: (input: Input) => Promise<Output>;
  /** The queries the write makes stale (keys or prefixes of keys), refreshed before `onSaved` runs. */
  refresh?: readonly QueryKey[] | ((output: Output, input: Input) => readonly QueryKey[]);
};

/** A write as a page uses it; `save` answers whether it went through. */
export type SaveMutation<Input> = {
  save: (input: Input) => Promise<boolean>;
  /** Messages by field, for the form's inputs. */
  errors: Record<string, string>;
  /** With `problemInForm`: the last problem (an ApiProblem, whatever was thrown). */
  problem: ApiProblem | null;
  saving: boolean;
  reset: () => void;
};

/**
 * Every write of the web app goes through here: field errors land on their fields, any other problem in a
 * notice (or beside the form), the queries the write makes stale are refreshed, then `onSaved` runs. The
 * areas' data.ts files wrap it into hooks (useCreateRisk, useIncidentTransition, ...) that know the URL and
 * the keys; pages add only what happens next.
 */
export function useSaveMutation<Input = void, Output = unknown>(
  options: SaveOptions<Input, Output>,
): SaveMutation<Input> {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const mutation = useMutation({ mutationFn: options.send });
  const reset = () => {
    setErrors({});
    setProblem(null);
  };
  const save = async (input: Input) => {
    reset();
    let output: Output;
    try {
      output = await mutation.mutateAsync(input);
    } catch (e) {
      if (e instanceof ApiProblem && (await options.onProblem?.(e))) return false;
      const name = options.fieldName ?? ((f: string) => f);
      if (options.noForm) {
        showProblem(t('common.error'), e);
        return false;
      }
      if (e instanceof ApiProblem && e.errors.length)
        setErrors(Object.fromEntries(e.errors.map((x) => [name(x.field), x.message])));
      if (options.problemInForm)
        setProblem(e instanceof ApiProblem ? e : new ApiProblem(0, t('common.error'), problemMessage(e)));
      else if (!(e instanceof ApiProblem && e.errors.length)) showProblem(t('common.error'), e);
      return false;
    }
    const stale =
      typeof options.refresh === 'function' ? options.refresh(output, input) : (options.refresh ?? []);
    for (const queryKey of stale) await qc.invalidateQueries({ queryKey });
    await options.onSaved?.(output, input);
    return true;
  };
  return { save, errors, problem, saving: mutation.isPending, reset };
}

const problemMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));
