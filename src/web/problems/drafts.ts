import { useState } from 'react';

/**
 * Unsaved edits of a record's fields, kept beside the saved record rather than as a copy of it: a field
 * nobody touched always shows what is saved (a save of another section, a live update by someone else
 * arrive as they are), and a field being edited keeps its text whatever is saved meanwhile. Each edit
 * remembers the saved value it started from, so a saved value that moved under an edit is noticed.
 */
export type Edits<T> = { [K in keyof T]?: { value: T[K]; base: T[K] } };

/** What is shown: the saved record with the edits over it. */
export function shown<T extends object>(saved: T, edits: Edits<T>): T {
  const out = { ...saved };
  for (const k of Object.keys(edits) as Array<keyof T>) {
    const e = edits[k];
    if (e) out[k] = e.value;
  }
  return out;
}

/** The fields whose edit differs from what is saved: what a save sends. */
export function unsaved<T extends object>(saved: T, edits: Edits<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(edits) as Array<keyof T>) {
    const e = edits[k];
    if (e && !Object.is(e.value, saved[k])) out[k] = e.value;
  }
  return out;
}

/** The unsaved fields whose saved value changed since their edit began (someone else saved them). */
export function movedUnder<T extends object>(saved: T, edits: Edits<T>): Array<keyof T> {
  return (Object.keys(unsaved(saved, edits)) as Array<keyof T>).filter(
    (k) => !Object.is(edits[k]!.base, saved[k]),
  );
}

/**
 * Edits after typing `patch`: a field's edit starts from what is saved now, unless it already differs from
 * it (then it keeps the value it started from, so a change under it stays noticed).
 */
export function edit<T extends object>(saved: T, edits: Edits<T>, patch: Partial<T>): Edits<T> {
  const out = { ...edits };
  for (const k of Object.keys(patch) as Array<keyof T>) {
    const before = edits[k];
    const base = before && !Object.is(before.value, saved[k]) ? before.base : saved[k];
    out[k] = { value: patch[k] as T[keyof T], base };
  }
  return out;
}

/**
 * Edits once `sent` was saved: a field still holding what was sent is no longer an edit; one typed on
 * during the save stays an edit, now of the value just saved.
 */
export function settle<T extends object>(edits: Edits<T>, sent: Partial<T>): Edits<T> {
  const out = { ...edits };
  for (const k of Object.keys(sent) as Array<keyof T>) {
    const e = edits[k];
    if (!e) continue;
    if (Object.is(e.value, sent[k])) delete out[k];
    else out[k] = { value: e.value, base: sent[k] as T[keyof T] };
  }
  return out;
}

/** A section's unsaved edits of a record, as the section and its page share them. */
export type FieldDrafts<T extends object> = {
  edits: Edits<T>;
  set: (saved: T, patch: Partial<T>) => void;
  settle: (sent: Partial<T>) => void;
  /** Drops the edits of these fields (saved another way); names not among the fields are ignored. */
  forget: (fields: readonly string[]) => void;
  discard: () => void;
};

/**
 * The edits of one section of a record (`of`: the record they belong to; another record starts without
 * any). Held by the page, so what is typed but not saved reaches its other dialogs too.
 */
export function useFieldDrafts<T extends object>(of: string): FieldDrafts<T> {
  const [state, setState] = useState<{ of: string; edits: Edits<T> }>({ of, edits: {} });
  const edits = state.of === of ? state.edits : {};
  return {
    edits,
    set: (saved, patch) => setState((s) => ({ of, edits: edit(saved, s.of === of ? s.edits : {}, patch) })),
    settle: (sent) => setState((s) => ({ of, edits: s.of === of ? settle(s.edits, sent) : {} })),
    forget: (fields) =>
      setState((s) => {
        const rest: Edits<T> = { ...(s.of === of ? s.edits : {}) };
        for (const f of fields) delete rest[f as keyof T];
        return { of, edits: rest };
      }),
    discard: () => setState({ of, edits: {} }),
  };
}
