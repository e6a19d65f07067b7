import type { Language } from '../../kernel/auth/users.ts';
import type { Words } from './clauses.ts';

/**
 * The sentences that say what a rule found, in each language: the web and the evidence pack show `text`;
 * `key` and `params` are there for anyone who words it their own way. Dates are calendar days (UTC).
 */
export const sentenceKinds = [
  'not_run',
  'none',
  'records',
  'records_named',
  'records_old',
  'share',
  'share_none',
] as const;
export type SentenceKind = (typeof sentenceKinds)[number];

const templates: Record<SentenceKind, Words> = {
  not_run: {
    en: '{label}: Keel does not run this process yet, so there is no evidence',
    nl: '{label}: Keel voert dit proces nog niet uit, dus er is geen bewijs',
    da: '{label}: Keel understøtter ikke denne proces endnu, så der er ingen dokumentation',
  },
  none: {
    en: '{label}: none yet',
    nl: '{label}: nog geen',
    da: '{label}: ingen endnu',
  },
  records: {
    en: '{label}: {count} in the last {days} days, the newest on {newest}',
    nl: '{label}: {count} in de afgelopen {days} dagen, de nieuwste op {newest}',
    da: '{label}: {count} inden for de seneste {days} dage, den nyeste den {newest}',
  },
  records_named: {
    en: '{label}: {count} in the last {days} days, the newest {name} on {newest}',
    nl: '{label}: {count} in de afgelopen {days} dagen, de nieuwste {name} op {newest}',
    da: '{label}: {count} inden for de seneste {days} dage, den nyeste {name} den {newest}',
  },
  records_old: {
    en: '{label}: none in the last {days} days, the last on {newest}',
    nl: '{label}: geen in de afgelopen {days} dagen, de laatste op {newest}',
    da: '{label}: ingen inden for de seneste {days} dage, den seneste den {newest}',
  },
  share: {
    en: '{label}: {count}% ({part} of {whole})',
    nl: '{label}: {count}% ({part} van {whole})',
    da: '{label}: {count}% ({part} af {whole})',
  },
  share_none: {
    en: '{label}: nothing to measure yet',
    nl: '{label}: nog niets om te meten',
    da: '{label}: intet at måle endnu',
  },
};

export type SentenceParams = Record<string, string | number>;
export type Sentence = { key: `readiness.evidence.${SentenceKind}`; params: SentenceParams };

export type Said = {
  measure: 'records' | 'share';
  notRun?: boolean;
  count: number;
  total: number;
  part?: number;
  whole?: number;
  newest: Date | null;
  name?: string;
  maxAgeDays: number | null;
};

/** Which sentence says what a rule found, with its parameters (the rule's key names its label). */
export function sentenceOf(rule: string, s: Said): Sentence {
  const newest = s.newest ? s.newest.toISOString().slice(0, 10) : '';
  const kind: SentenceKind = s.notRun
    ? 'not_run'
    : s.measure === 'share'
      ? s.total
        ? 'share'
        : 'share_none'
      : !s.total
        ? 'none'
        : s.count
          ? s.name
            ? 'records_named'
            : 'records'
          : 'records_old';
  const params: SentenceParams = { rule, count: s.count, total: s.total, newest, days: s.maxAgeDays ?? 0 };
  if (s.part !== undefined) params.part = s.part;
  if (s.whole !== undefined) params.whole = s.whole;
  if (s.name) params.name = s.name;
  return { key: `readiness.evidence.${kind}`, params };
}

/** The sentence in a language, with the rule's label. */
export function render(sentence: Sentence, label: Words, lang: Language): string {
  const kind = sentence.key.slice('readiness.evidence.'.length) as SentenceKind;
  const params: SentenceParams = { ...sentence.params, label: label[lang] };
  return templates[kind][lang].replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
}
