import type { Role } from '../../kernel/access/roles.ts';
import type { FieldError } from '../../kernel/http/problem.ts';

/**
 * Request forms declared as data (docs/requests.md): the field types, the check of a form's definition, and
 * the check of a requester's answers against it. Pure; people and CIs named in answers are returned for the
 * command to look up.
 */
export type Texts = { en: string; nl?: string; da?: string };
export type ItemTexts = {
  en: { name: string; description: string };
  nl?: { name: string; description: string };
  da?: { name: string; description: string };
};
export const fieldTypes = ['text', 'choice', 'date', 'user', 'ci', 'number'] as const;
export type FieldType = (typeof fieldTypes)[number];
export type FormField = {
  key: string;
  label: Texts;
  type: FieldType;
  required?: boolean;
  help?: Texts;
  /** text */
  maxLength?: number;
  multiline?: boolean;
  /** choice */
  options?: Array<{ value: string; label: Texts }>;
  multiple?: boolean;
  /** number: bounds as numbers; date: bounds as YYYY-MM-DD */
  min?: number | string;
  max?: number | string;
  integer?: boolean;
  /** ci: the class the CI must be of */
  ciClass?: string;
};
export type Approver =
  | { kind: 'manager' }
  | { kind: 'service_owner' }
  | { kind: 'role'; role: Role }
  | { kind: 'person'; userId: string };
export type Approval = { mode: 'none' | 'all' | 'any'; approvers: Approver[] };
export type TaskTemplate = { title: string; instructions?: string; groupId?: string | null };

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isDate = (v: unknown): v is string =>
  typeof v === 'string' &&
  DATE.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Whether a form's definition makes sense: keys unique and well-formed, choices with options, bounds in order. */
export function checkForm(fields: FormField[], at = 'form'): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const here = `${at}.${i}`;
    if (!KEY.test(f.key))
      errors.push({
        field: `${here}.key`,
        message: 'must be lower case letters, digits and _ (starting with a letter)',
      });
    if (seen.has(f.key)) errors.push({ field: `${here}.key`, message: `"${f.key}" is used twice` });
    seen.add(f.key);
    if (f.type === 'choice') {
      if (!f.options?.length) errors.push({ field: `${here}.options`, message: 'a choice needs options' });
      const values = new Set<string>();
      for (const o of f.options ?? []) {
        if (values.has(o.value))
          errors.push({ field: `${here}.options`, message: `the option "${o.value}" is offered twice` });
        values.add(o.value);
      }
    }
    if (f.type === 'number' && f.min !== undefined && f.max !== undefined) {
      if (typeof f.min !== 'number' || typeof f.max !== 'number')
        errors.push({ field: `${here}.min`, message: 'number bounds are numbers' });
      else if (f.min > f.max) errors.push({ field: `${here}.max`, message: 'must not be below min' });
    }
    if (f.type === 'date') {
      for (const b of ['min', 'max'] as const)
        if (f[b] !== undefined && !isDate(f[b]))
          errors.push({ field: `${here}.${b}`, message: 'must be a date (YYYY-MM-DD)' });
      if (isDate(f.min) && isDate(f.max) && f.min > f.max)
        errors.push({ field: `${here}.max`, message: 'must not be before min' });
    }
  });
  return errors;
}

export type CheckedAnswers = {
  errors: FieldError[];
  /** The answers normalised: numbers as numbers, trimmed text, sorted unique choices. */
  values: Record<string, unknown>;
  /** Answers naming a person or a CI, for the command to look up. */
  refs: Array<{ key: string; type: 'user' | 'ci'; id: string; ciClass?: string }>;
};

const empty = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** Checks answers against a form: every field's rule, all at once, as `answers.<key>` errors. */
export function checkAnswers(fields: FormField[], answers: Record<string, unknown>): CheckedAnswers {
  const errors: FieldError[] = [];
  const values: Record<string, unknown> = {};
  const refs: CheckedAnswers['refs'] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(answers))
    if (!known.has(key)) errors.push({ field: `answers.${key}`, message: 'is not a field of this form' });
  for (const f of fields) {
    const field = `answers.${f.key}`;
    const v = answers[f.key];
    if (empty(v)) {
      if (f.required) errors.push({ field, message: 'is required' });
      continue;
    }
    const fail = (message: string) => errors.push({ field, message });
    switch (f.type) {
      case 'text': {
        if (typeof v !== 'string') {
          fail('must be text');
          break;
        }
        const text = v.trim();
        const max = f.maxLength ?? (f.multiline ? 10_000 : 500);
        if (text.length > max) fail(`must be at most ${max} characters`);
        else if (!f.multiline && /[\r\n]/.test(text)) fail('must be a single line');
        else values[f.key] = text;
        break;
      }
      case 'choice': {
        const offered = new Set((f.options ?? []).map((o) => o.value));
        const picked = f.multiple ? v : [v];
        if (!Array.isArray(picked) || picked.some((p) => typeof p !== 'string')) {
          fail(f.multiple ? 'must be a list of options' : 'must be one of the options');
          break;
        }
        const wrong = picked.filter((p) => !offered.has(p as string));
        if (wrong.length) fail(`must be one of: ${[...offered].join(', ')}`);
        else values[f.key] = f.multiple ? [...new Set(picked as string[])].sort() : picked[0];
        break;
      }
      case 'date': {
        if (!isDate(v)) fail('must be a date (YYYY-MM-DD)');
        else if (typeof f.min === 'string' && v < f.min) fail(`must not be before ${f.min}`);
        else if (typeof f.max === 'string' && v > f.max) fail(`must not be after ${f.max}`);
        else values[f.key] = v;
        break;
      }
      case 'number': {
        const n =
          typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
        if (!Number.isFinite(n)) fail('must be a number');
        else if (f.integer && !Number.isInteger(n)) fail('must be a whole number');
        else if (typeof f.min === 'number' && n < f.min) fail(`must be at least ${f.min}`);
        else if (typeof f.max === 'number' && n > f.max) fail(`must be at most ${f.max}`);
        else values[f.key] = n;
        break;
      }
      case 'user':
      case 'ci': {
        if (typeof v !== 'string' || !UUID.test(v)) {
          fail(
            f.type === 'user' ? 'must name a person (their id)' : 'must name a configuration item (its id)',
          );
          break;
        }
        refs.push({ key: f.key, type: f.type, id: v.toLowerCase(), ciClass: f.ciClass });
        values[f.key] = v.toLowerCase();
        break;
      }
    }
  }
  return { errors, values, refs };
}

/** A text in the reader's language, English when it has none. */
export const inLanguage = <T>(texts: { en: T; nl?: T; da?: T }, language: string): T =>
  texts[language as 'nl' | 'da'] ?? texts.en;
