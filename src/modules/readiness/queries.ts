import { and, asc, eq, sql } from 'drizzle-orm';
import type { Language } from '../../kernel/auth/users.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { problems } from '../../kernel/http/problem.ts';
import { clauseGroups, clauses, groupTitles, type Words } from './clauses.ts';
import { render, sentenceOf } from './messages.ts';
import {
  clauseStatus,
  type OwnRequirementDates,
  ownRequirementsFound,
  reviewDueOf,
  rollUp,
  ruleStatus,
} from './readiness.ts';
import { dateOf } from './rules/types.ts';
import { clausesOfRule, type EvidenceRule, evidenceRules, ruleOf } from './rules.ts';
import { clauseApplicability, evidenceRuleSettings, ownRequirements } from './schema.ts';
import type { ClauseReadiness, OwnRequirementView, Readiness, RuleResult, RuleSetting } from './shapes.ts';

const DAY = 86_400_000;

export type OwnRequirement = typeof ownRequirements.$inferSelect;

/** The label of the one more rule a clause's own requirements make. */
export const ownRequirementsLabel: Words = {
  en: 'Own requirements reviewed within their review period',
  nl: 'Eigen eisen beoordeeld binnen hun reviewtermijn',
  da: 'Egne krav gennemgået inden for deres revisionsperiode',
};

/** The organisation's freshness per rule where it set its own; Keel's defaults otherwise. */
export async function ruleSettings(db: Queryable) {
  const rows = await db.select().from(evidenceRuleSettings);
  return new Map(rows.map((r) => [r.rule, r]));
}

const settingOf = (
  rule: EvidenceRule,
  row: typeof evidenceRuleSettings.$inferSelect | undefined,
  lang: Language,
) =>
  ({
    key: rule.key,
    label: rule.label[lang],
    clauses: clausesOfRule(rule.key),
    measure: rule.measure,
    notRun: !!rule.notRun,
    link: rule.link,
    defaultMaxAgeDays: rule.maxAgeDays,
    defaultMinCount: rule.minCount,
    maxAgeDays: row?.maxAgeDays ?? rule.maxAgeDays,
    minCount: row?.minCount ?? rule.minCount,
    setBy: row?.setBy ?? null,
    setAt: row?.setAt ?? null,
    version: row?.version ?? 0,
  }) satisfies RuleSetting;

export async function listRuleSettings(db: Queryable, lang: Language): Promise<RuleSetting[]> {
  const rows = await ruleSettings(db);
  return evidenceRules.map((r) => settingOf(r, rows.get(r.key), lang));
}

export async function ruleSettingFor(db: Queryable, key: string, lang: Language): Promise<RuleSetting> {
  const rule = ruleOf(key);
  if (!rule) throw problems.notFound(`Evidence rule ${key}`);
  const [row] = await db.select().from(evidenceRuleSettings).where(eq(evidenceRuleSettings.rule, key));
  return settingOf(rule, row, lang);
}

/** What a requirement's review dates are judged on at `at`: a review after `at` is not known then. */
const datesAt = (r: OwnRequirement, at: Date): OwnRequirementDates => ({
  lastReviewedAt: r.lastReviewedAt && r.lastReviewedAt <= at ? r.lastReviewedAt : null,
  createdAt: r.createdAt,
  reviewMonths: r.reviewMonths,
});

const requirementColumns = sql`r.*, u.name as owner_name`;
type RequirementRow = {
  id: string;
  code: string;
  title: string;
  description: string;
  source: OwnRequirementView['source'];
  reference: string;
  clause: string | null;
  owner_id: string | null;
  owner_name: string | null;
  evidence: string;
  review_months: number;
  last_reviewed_at: string | null;
  retired: boolean;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

const fromRow = (r: RequirementRow): OwnRequirement & { ownerName: string | null } => ({
  id: r.id,
  code: r.code,
  title: r.title,
  description: r.description,
  source: r.source,
  reference: r.reference,
  clause: r.clause,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  evidence: r.evidence,
  reviewMonths: r.review_months,
  lastReviewedAt: dateOf(r.last_reviewed_at),
  retired: r.retired,
  createdBy: r.created_by,
  createdAt: dateOf(r.created_at)!,
  updatedAt: dateOf(r.updated_at)!,
  version: r.version,
});

/** A requirement as the API shows it, judged at `at` (now unless a readiness day is asked for). */
export function presentRequirement(
  r: OwnRequirement & { ownerName: string | null },
  at = new Date(),
): OwnRequirementView {
  const reviewDue = reviewDueOf(datesAt(r, at));
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    description: r.description,
    source: r.source,
    reference: r.reference,
    clause: r.clause,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    evidence: r.evidence,
    reviewMonths: r.reviewMonths,
    lastReviewedAt: r.lastReviewedAt,
    reviewDue,
    overdue: !r.retired && reviewDue < at,
    retired: r.retired,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

export async function requirementFor(db: Queryable, id: string) {
  const res = await db.execute<RequirementRow>(sql`
    select ${requirementColumns} from own_requirements r left join users u on u.id = r.owner_id where r.id = ${id}`);
  const row = res.rows[0];
  if (!row) throw problems.notFound(`Own requirement ${id}`);
  return fromRow(row);
}

/** The register's own requirements, by clause then code; retired ones only when asked for. */
export async function listRequirements(
  db: Queryable,
  q: { clause?: string; retired?: 'true' | 'false'; limit: number; offset: number },
) {
  const where = [sql`r.retired = ${q.retired === 'true'}`];
  if (q.clause) where.push(sql`r.clause = ${q.clause}`);
  const cond = sql.join(where, sql` and `);
  const [rows, count] = await Promise.all([
    db.execute<RequirementRow>(sql`
      select ${requirementColumns} from own_requirements r left join users u on u.id = r.owner_id
       where ${cond} order by string_to_array(r.clause, '.')::int[] nulls last, lower(r.code), r.id limit ${q.limit} offset ${q.offset}`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from own_requirements r where ${cond}`),
  ]);
  return {
    items: rows.rows.map((r) => presentRequirement(fromRow(r))),
    total: count.rows[0]?.n ?? 0,
    limit: q.limit,
    offset: q.offset,
  };
}

/** The organisation's applicability decisions, by clause. */
export async function applicabilityOf(db: Queryable) {
  const rows = await db.select().from(clauseApplicability).orderBy(asc(clauseApplicability.clause));
  return new Map(rows.map((r) => [r.clause, r]));
}

/**
 * Rules evaluated once at `at`, with the organisation's freshness, their status and sentence: every rule, or
 * only those of `keys` (one clause's).
 */
async function evaluateRules(db: Queryable, at: Date, lang: Language, keys?: readonly string[]) {
  const settings = await ruleSettings(db);
  const results = new Map<string, RuleResult>();
  const rules = keys ? keys.map((k) => ruleOf(k)!) : evidenceRules;
  for (const rule of rules) {
    const s = settingOf(rule, settings.get(rule.key), lang);
    const found = rule.notRun
      ? { count: 0, total: 0, newest: null }
      : await rule.evaluate(db, { at, from: new Date(at.getTime() - s.maxAgeDays * DAY) });
    const said = { ...found, measure: rule.measure, notRun: rule.notRun, maxAgeDays: s.maxAgeDays };
    const sentence = sentenceOf(rule.key, said);
    results.set(rule.key, {
      rule: rule.key,
      label: s.label,
      status: ruleStatus({ ...found, notRun: rule.notRun }, s.minCount),
      measure: rule.measure,
      notRun: !!rule.notRun,
      count: found.count,
      total: found.total,
      part: found.part ?? null,
      whole: found.whole ?? null,
      newest: found.newest,
      maxAgeDays: s.maxAgeDays,
      minCount: s.minCount,
      link: rule.link,
      sentence,
      text: render(sentence, rule.label, lang),
    });
  }
  return results;
}

/** The own requirements filed under a clause, as one more rule. */
function ownRule(reqs: OwnRequirement[], at: Date, lang: Language): RuleResult {
  const found = ownRequirementsFound(
    reqs.map((r) => datesAt(r, at)),
    at,
  );
  const sentence = sentenceOf('own-requirements', { ...found, measure: 'share', maxAgeDays: null });
  return {
    rule: 'own-requirements',
    label: ownRequirementsLabel[lang],
    status: ruleStatus(found, 100),
    measure: 'share',
    notRun: false,
    count: found.count,
    total: found.total,
    part: found.part,
    whole: found.whole,
    newest: found.newest,
    maxAgeDays: null,
    minCount: 100,
    link: '/readiness/requirements',
    sentence,
    text: render(sentence, ownRequirementsLabel, lang),
  };
}

/** The own requirements filed under clauses (one, or all) and in the register by `at`. */
async function requirementsAt(db: Queryable, at: Date, clause?: string) {
  const res = await db.execute<RequirementRow>(sql`
    select ${requirementColumns} from own_requirements r left join users u on u.id = r.owner_id
     where not r.retired and r.clause is not null and r.created_at <= ${at.toISOString()}::timestamptz
       ${clause ? sql`and r.clause = ${clause}` : sql``}
     order by lower(r.code)`);
  return res.rows.map(fromRow);
}

type Clause = (typeof clauses)[number];
type Decision = typeof clauseApplicability.$inferSelect;

/** One clause judged at `at` from its rules' results, the organisation's decision and its own requirements. */
function judgeClause(
  c: Clause,
  results: Map<string, RuleResult>,
  decision: Decision | undefined,
  reqs: (OwnRequirement & { ownerName: string | null })[],
  at: Date,
  lang: Language,
): ClauseReadiness {
  const applicable = decision?.applicable ?? true;
  const mine = reqs.filter((r) => r.clause === c.number);
  const rules = c.rules.map((k) => results.get(k)!);
  if (mine.length) rules.push(ownRule(mine, at, lang));
  return {
    number: c.number,
    group: c.group,
    title: c.title[lang],
    description: c.description[lang],
    processes: [...c.processes],
    applicable,
    justification: decision?.justification ?? '',
    decidedBy: decision?.decidedBy ?? null,
    decidedAt: decision?.decidedAt ?? null,
    version: decision?.version ?? 0,
    status: clauseStatus(
      applicable,
      rules.map((r) => r.status),
    ),
    rules,
    requirements: mine.map((r) => presentRequirement(r, at)),
  };
}

/**
 * The readiness view (docs/check-and-act.md) judged at `at`: every clause with its status and what each of
 * its rules found, the groups 4–10 rolled up, and the one readiness figure. The evidence pack calls it.
 */
export async function readinessFor(
  db: Queryable,
  opts: { at?: Date; lang?: Language } = {},
): Promise<Readiness> {
  const at = opts.at ?? new Date();
  const lang = opts.lang ?? 'en';
  const results = await evaluateRules(db, at, lang);
  const decisions = await applicabilityOf(db);
  const reqs = await requirementsAt(db, at);
  const shown = clauses.map((c) => judgeClause(c, results, decisions.get(c.number), reqs, at, lang));
  const groups = clauseGroups.map((g) => ({
    group: g,
    title: groupTitles[g][lang],
    ...rollUp(shown.filter((c) => c.group === g).map((c) => c.status)),
  }));
  return { at, lang, ...rollUp(shown.map((c) => c.status)), groups, clauses: shown };
}

/**
 * One clause judged as the readiness view judges it, evaluating only its own rules and requirements (a
 * clause's page need not run every rule). Not found when the register has no such clause.
 */
export async function clauseReadinessFor(
  db: Queryable,
  number: string,
  opts: { at?: Date; lang?: Language } = {},
): Promise<ClauseReadiness> {
  const c = clauses.find((x) => x.number === number);
  if (!c) throw problems.notFound(`Clause ${number}`);
  const at = opts.at ?? new Date();
  const lang = opts.lang ?? 'en';
  const results = await evaluateRules(db, at, lang, c.rules);
  const [decision] = await db
    .select()
    .from(clauseApplicability)
    .where(eq(clauseApplicability.clause, number));
  return judgeClause(c, results, decision, await requirementsAt(db, at, number), at, lang);
}

/** Whether a requirement's code is taken by another one (codes are unique without regard to case). */
export async function codeTaken(db: Queryable, code: string, except?: string) {
  const res = await db
    .select({ id: ownRequirements.id })
    .from(ownRequirements)
    .where(
      and(
        sql`lower(${ownRequirements.code}) = lower(${code})`,
        except ? sql`${ownRequirements.id} <> ${except}` : undefined,
      ),
    );
  return res.length > 0;
}
