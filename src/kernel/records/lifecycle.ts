import { holdsAny, type Role } from '../access/roles.ts';
import { type FieldError, Problem, problems } from '../http/problem.ts';

/**
 * Lifecycles as data (after iTop): each work-item type declares its states and transitions; the engine
 * decides which transitions a person may fire now, checks guards, and names the effects to run.
 */
export type TransitionInput = Record<string, unknown>;

export type Transition<Item> = {
  name: string;
  from: readonly string[];
  to: string;
  /** Who may fire it; omitted means anyone who may change the item. */
  roles?: readonly Role[];
  /** Fired by Keel itself as a consequence of something else (approvals given, tasks done), never by a person. */
  byKeel?: boolean;
  /** Input fields that must be present and non-empty, e.g. a resolution code. */
  requires?: readonly string[];
  /** Further checks on the item and input; field errors block the transition. */
  guard?: (item: Item, input: TransitionInput) => FieldError[];
  /** Names of effects the type runs after the state changes (clock pause, notification, ...). */
  effects?: readonly string[];
};

export type Lifecycle<Item> = {
  initial: string;
  states: readonly string[];
  final: readonly string[];
  transitions: readonly Transition<Item>[];
};

export function defineLifecycle<Item>(l: Lifecycle<Item>): Lifecycle<Item> {
  const states = new Set(l.states);
  const fail = (m: string) => {
    throw new Error(`invalid lifecycle: ${m}`);
  };
  if (!states.has(l.initial)) fail(`initial state ${l.initial} is not a state`);
  for (const f of l.final) if (!states.has(f)) fail(`final state ${f} is not a state`);
  const seen = new Set<string>();
  for (const t of l.transitions) {
    if (!states.has(t.to)) fail(`transition ${t.name} leads to unknown state ${t.to}`);
    for (const f of t.from) {
      if (!states.has(f)) fail(`transition ${t.name} starts from unknown state ${f}`);
      if (seen.has(`${t.name}@${f}`)) fail(`transition ${t.name} is declared twice from ${f}`);
      if (seen.has(`${f}->${t.to}`)) fail(`two transitions lead from ${f} to ${t.to}`);
      seen.add(`${t.name}@${f}`);
      seen.add(`${f}->${t.to}`);
    }
  }
  return l;
}

const mayFire = <I>(t: Transition<I>, roles: readonly Role[]) =>
  !t.byKeel && (!t.roles || holdsAny({ roles }, t.roles));

/** The transitions this person may fire from the item's current state: what screens offer. */
export function allowedTransitions<I>(
  l: Lifecycle<I>,
  state: string,
  roles: readonly Role[],
): Transition<I>[] {
  return l.transitions.filter((t) => t.from.includes(state) && mayFire(t, roles));
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Checks a transition and returns it, or throws the problem a person should see. */
export function planTransition<I>(
  l: Lifecycle<I>,
  item: I & { state: string },
  name: string,
  roles: readonly Role[],
  input: TransitionInput,
): Transition<I> {
  const named = l.transitions.filter((t) => t.name === name);
  if (named.length === 0) {
    throw problems.validation([{ field: 'transition', message: `unknown transition "${name}"` }]);
  }
  const t = named.find((x) => x.from.includes(item.state));
  if (!t) {
    throw new Problem(
      409,
      'Transition not possible',
      `"${name}" is not possible from state "${item.state}".`,
      {
        type: 'urn:keel:problem:transition',
      },
    );
  }
  if (!mayFire(t, roles))
    throw problems.forbidden(
      t.byKeel
        ? `"${name}" happens by itself; nobody fires it.`
        : `"${name}" needs one of the roles: ${t.roles!.join(', ')}.`,
    );
  const errors: FieldError[] = (t.requires ?? [])
    .filter((f) => isEmpty(input[f]))
    .map((field) => ({ field, message: `is required to ${name}` }));
  errors.push(...(t.guard?.(item, input) ?? []));
  if (errors.length) throw problems.validation(errors, `"${name}" needs more information.`);
  return t;
}

/** The transition leading from a state to another, for callers that name the target state (each pair is unique). */
export function transitionTo<I>(l: Lifecycle<I>, from: string, to: string): Transition<I> | undefined {
  return l.transitions.find((t) => t.from.includes(from) && t.to === to);
}
