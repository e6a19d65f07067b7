import type { FieldError } from '../../kernel/http/problem.ts';
import type { AttributeDef } from './shapes.ts';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Checks a class's attribute declarations: keys well-formed and unique, choices with values. */
export function checkAttributeDefs(defs: AttributeDef[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  defs.forEach((d, i) => {
    const f = `attributes.${i}`;
    if (!KEY.test(d.key))
      errors.push({
        field: `${f}.key`,
        message: 'must be lower case letters, digits and _, starting with a letter',
      });
    if (seen.has(d.key)) errors.push({ field: `${f}.key`, message: `"${d.key}" is declared twice` });
    seen.add(d.key);
    if (d.type === 'choice' && !(d.values && d.values.length > 0)) {
      errors.push({ field: `${f}.values`, message: 'a choice needs at least one allowed value' });
    }
    if (d.type !== 'choice' && d.values)
      errors.push({ field: `${f}.values`, message: 'only a choice has allowed values' });
    if (d.values && new Set(d.values).size !== d.values.length) {
      errors.push({ field: `${f}.values`, message: 'allowed values must be distinct' });
    }
  });
  return errors;
}

export const isDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Converts one value to its declared type, or says why it cannot be. Strings from CSV are accepted too. */
export function coerce(def: AttributeDef, raw: unknown): { value: unknown } | { error: string } {
  switch (def.type) {
    case 'text':
      if (typeof raw === 'string' || typeof raw === 'number') return { value: String(raw) };
      return { error: 'must be text' };
    case 'number': {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      return typeof n === 'number' && Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'integer': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
      return typeof n === 'number' && Number.isSafeInteger(n)
        ? { value: n }
        : { error: 'must be a whole number' };
    }
    case 'boolean':
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return { error: 'must be true or false' };
    case 'date':
      return typeof raw === 'string' && isDate(raw)
        ? { value: raw }
        : { error: 'must be a date (YYYY-MM-DD)' };
    case 'choice':
      return typeof raw === 'string' && def.values?.includes(raw)
        ? { value: raw }
        : { error: `must be one of: ${def.values?.join(', ')}` };
  }
}

const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Validates a CI's attributes against its class: unknown keys, wrong types, missing required values.
 * Returns the values converted to their types (empty values removed) or the field errors.
 */
export function validateAttributes(
  defs: AttributeDef[],
  values: Record<string, unknown>,
  fieldPrefix = 'attributes',
): { values: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const key of Object.keys(values)) {
    if (!byKey.has(key)) {
      errors.push({
        field: `${fieldPrefix}.${key}`,
        message: `is not an attribute of this class${defs.length ? ` (known: ${defs.map((d) => d.key).join(', ')})` : ''}`,
      });
    }
  }
  for (const def of defs) {
    const raw = values[def.key];
    if (empty(raw)) {
      if (def.required) errors.push({ field: `${fieldPrefix}.${def.key}`, message: 'is required' });
      continue;
    }
    const r = coerce(def, raw);
    if ('error' in r) errors.push({ field: `${fieldPrefix}.${def.key}`, message: r.error });
    else out[def.key] = r.value;
  }
  return { values: out, errors };
}
