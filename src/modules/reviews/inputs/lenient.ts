import type { z } from 'zod';
import { type AssembledInputs, assembledShape, inputsShape } from './shapes.ts';

/**
 * Reading frozen inputs back. A review's inputs are frozen when it is held and kept for years, while the
 * shape of the inputs grows (a figure added, an input counted anew): an older copy must still read, print and
 * go into the review pack, never answer 500. So a frozen copy is filled out to today's shape (a figure it
 * lacks reads as empty: 0, '', none), and an input that still does not fit is shown empty rather than
 * failing the whole. `schemaVersion` says which shape the copy was frozen in (copies before it had none: 1).
 */

// the zod 4 definition, read only for its kind and parts: the shapes here are plain objects, arrays, records,
// enums, literals, unions and primitives, wrapped at most in nullable, optional and default
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  options?: z.ZodType[];
  in?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const isPlain = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** The value of a schema with the given one filled out: what is missing takes the schema's empty value. */
export function fill(s: z.ZodType, given: unknown): unknown {
  const d = defOf(s);
  switch (d.type) {
    case 'nullable':
      return given === undefined || given === null ? null : fill(d.innerType!, given);
    case 'optional':
      return given === undefined ? undefined : fill(d.innerType!, given);
    case 'default':
    case 'readonly':
    case 'nonoptional':
      return fill(d.innerType!, given);
    case 'pipe':
      return fill(d.in!, given);
    case 'object': {
      const from = isPlain(given) ? given : {};
      return Object.fromEntries(Object.entries(d.shape!).map(([k, v]) => [k, fill(v, from[k])]));
    }
    case 'array':
      return Array.isArray(given) ? given.map((x) => fill(d.element!, x)) : [];
    case 'record':
      return isPlain(given) ? given : {};
    default:
      return given === undefined ? emptyOf(d) : given;
  }
}

function emptyOf(d: Def): unknown {
  switch (d.type) {
    case 'number':
      return 0;
    case 'string':
      return '';
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(d.entries ?? {})[0];
    case 'literal':
      return d.values?.[0];
    case 'union':
      return fill(d.options![0]!, undefined);
    default:
      return null;
  }
}

/** Frozen inputs in today's shape, however old the copy; never throws for a stored copy. */
export function readFrozen(raw: unknown): AssembledInputs {
  const given = isPlain(raw) ? raw : {};
  const schemaVersion = typeof given.schemaVersion === 'number' ? given.schemaVersion : 1;
  const filled = { ...(fill(assembledShape, given) as Record<string, unknown>), schemaVersion };
  const whole = assembledShape.safeParse(filled);
  if (whole.success) return whole.data;
  // input by input: one that does not fit is shown empty, the others as they were frozen
  const inputs = isPlain(given.inputs) ? given.inputs : {};
  const each = Object.fromEntries(
    Object.entries(inputsShape.shape).map(([k, v]) => {
      const one = v.safeParse(fill(v, inputs[k]));
      return [k, one.success ? one.data : fill(v, undefined)];
    }),
  );
  return assembledShape.parse({
    ...filled,
    period: fill(assembledShape.shape.period, given.period),
    inputs: each,
  });
}
