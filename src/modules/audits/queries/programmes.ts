import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Language } from '../../../kernel/auth/users.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import { isoTimestampOrNull } from '../../../kernel/db/timestamps.ts';
import type { PageQuery } from '../../../kernel/http/pagination.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { auditInterval, type FindingCounts, isGap, nextDue } from '../frequency.ts';
import { type AuditState, findingKinds, type ProgrammeState } from '../lifecycle.ts';
import {
  mayApproveProgramme,
  mayCloseProgramme,
  mayEditProgramme,
  mayPlanAudits,
  mayRateProcessRisk,
} from '../policy.ts';
import { clauseRegister, processRegister } from '../register.ts';
import { auditProgrammes } from '../schema.ts';
import type { Calendar, Coverage, ProgrammeDetail, ProgrammeView } from '../shapes.ts';

export type Programme = typeof auditProgrammes.$inferSelect;

export async function programmeFor(tx: Queryable, id: string, forUpdate = false): Promise<Programme> {
  const q = tx.select().from(auditProgrammes).where(eq(auditProgrammes.id, id));
  const [p] = forUpdate ? await q.for('update') : await q;
  if (!p) throw problems.notFound(`Audit programme ${id}`);
  return p;
}

type Row = Omit<ProgrammeView, 'approvedAt'> & { approvedAt: string | null; total: number };

const selectProgrammes = (where: ReturnType<typeof sql>, page: PageQuery | null) => sql`
  select p.id, p.code, p.title, p.cycle_start::text as "cycleStart", p.cycle_end::text as "cycleEnd",
         p.objectives, p.method, p.owner_id as "ownerId", o.name as owner, p.state,
         ap.name as "approvedBy", p.approved_at as "approvedAt", p.process_risk as "processRisk", p.version,
         (select count(*)::int from audits a where a.programme_id = p.id and a.state <> 'cancelled') as audits,
         count(*) over ()::int as total
    from audit_programmes p
    left join users o on o.id = p.owner_id
    left join users ap on ap.id = p.approved_by
   where ${where}
   order by p.cycle_start desc, p.code
   ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`;

const shown = ({ total: _, ...r }: Row): ProgrammeView => ({
  ...r,
  state: r.state as ProgrammeState,
  approvedAt: isoTimestampOrNull(r.approvedAt),
});

/** Audit programmes, newest cycle first, paged; `state` narrows them. */
export async function listProgrammes(db: Queryable, q: PageQuery & { state?: ProgrammeState[] }) {
  const states = q.state?.length ? sql.param(q.state) : null;
  const res = await db.execute<Row>(
    selectProgrammes(sql`(${states}::text[] is null or p.state = any(${states}::text[]))`, q),
  );
  return { items: res.rows.map(shown), total: res.rows[0]?.total ?? 0, limit: q.limit, offset: q.offset };
}

type AuditRow = {
  id: string;
  code: string;
  title: string;
  state: AuditState;
  plannedStart: string;
  plannedEnd: string;
  leadAuditor: string | null;
  scopeClauses: string[];
  scopeProcesses: string[];
  team: string[];
};

/** A programme's audits by planned start, cancelled ones included (the calendar greys them). */
async function auditsOf(db: Queryable, programmeId: string, from?: string, to?: string) {
  const res = await db.execute<AuditRow>(sql`
    select a.id, a.code, a.title, a.state, a.planned_start::text as "plannedStart",
           a.planned_end::text as "plannedEnd", l.name as "leadAuditor", a.scope_clauses as "scopeClauses",
           a.scope_processes as "scopeProcesses",
           coalesce(array(select u.name from users u where u.id = any(a.team_ids) order by u.name), '{}') as team
      from audits a left join users l on l.id = a.lead_auditor_id
     where a.programme_id = ${programmeId}
       and (${from ?? null}::date is null or a.planned_end >= ${from ?? null}::date)
       and (${to ?? null}::date is null or a.planned_start <= ${to ?? null}::date)
     order by a.planned_start, a.code`);
  return res.rows;
}

export async function presentProgramme(db: Queryable, who: Principal, id: string): Promise<ProgrammeDetail> {
  const res = await db.execute<Row>(selectProgrammes(sql`p.id = ${id}`, null));
  const row = res.rows[0];
  if (!row) throw problems.notFound(`Audit programme ${id}`);
  const p = shown(row);
  const audits = await auditsOf(db, id);
  return {
    ...p,
    abilities: {
      edit: p.state === 'draft' && mayEditProgramme(who, p),
      approve: p.state === 'draft' && mayApproveProgramme(who),
      close: p.state === 'approved' && mayCloseProgramme(who, p),
      planAudits: p.state !== 'closed' && mayPlanAudits(who),
      rateRisk: p.state !== 'closed' && mayRateProcessRisk(who, p),
    },
    auditList: audits.map(({ team: _, ...a }) => a),
  };
}

/** The programme's audits by planned dates, for its calendar; `from`/`to` narrow it to a window. */
export async function programmeCalendar(
  db: Queryable,
  id: string,
  from?: string,
  to?: string,
): Promise<Calendar> {
  const p = await programmeFor(db, id);
  return { cycleStart: p.cycleStart, cycleEnd: p.cycleEnd, items: await auditsOf(db, id, from, to) };
}

/**
 * The programme's coverage (9.2): each clause of the register and each process of the process register with
 * the programme's audits planned in its cycle that cover it, and the gaps. An audit covers the clauses in its
 * scope, the processes in its scope, and the clauses that concern those processes (as its checklist does).
 */
export async function programmeCoverage(db: Queryable, id: string, lang: Language): Promise<Coverage> {
  const p = await programmeFor(db, id);
  const audits = (await auditsOf(db, id)).filter(
    (a) => a.state !== 'cancelled' && a.plannedStart <= p.cycleEnd && a.plannedEnd >= p.cycleStart,
  );
  const brief = (a: AuditRow) => ({ id: a.id, code: a.code, state: a.state, plannedStart: a.plannedStart });
  const inScope = (a: AuditRow) => new Set(a.scopeProcesses.map((k) => k.toLowerCase()));
  // the organisation's word on a clause (readiness keeps it): one it marked not applicable is no gap
  const notApplicable = new Set(
    (
      await db.execute<{ clause: string }>(sql`select clause from clause_applicability where not applicable`)
    ).rows.map((r) => r.clause),
  );
  const clauses = clauseRegister(lang).map((c) => {
    const covering = audits.filter(
      (a) => a.scopeClauses.includes(c.number) || c.processes.some((k) => inScope(a).has(k)),
    );
    return {
      clause: c.number,
      title: c.title,
      applicable: !notApplicable.has(c.number),
      audits: covering.map(brief),
      covered: covering.length > 0,
    };
  });
  const history = await pastResults(db, lang);
  const processes = (await processRegister(db)).map((pr) => {
    const key = pr.key.toLowerCase();
    const covering = audits.filter((a) => inScope(a).has(key));
    const done = history.filter((h) => h.processes.has(key));
    const [last] = done;
    const lastFindings = last ? last.findingsOf(key) : none();
    const risk = p.processRisk[pr.key] ?? p.processRisk[key] ?? 'medium';
    const intervalMonths = auditInterval({
      risk,
      lastFindings: done.slice(0, 2).map((h) => h.findingsOf(key)),
    });
    const due = nextDue(last?.started ?? null, p.cycleStart, intervalMonths);
    const auditedInCycle = !!last && last.started >= p.cycleStart && last.started <= p.cycleEnd;
    return {
      key: pr.key,
      name: pr.name,
      audits: covering.map(brief),
      covered: covering.length > 0,
      risk,
      lastAudited: last?.started ?? null,
      lastAudit: last ? { id: last.id, code: last.code } : null,
      lastFindings,
      intervalMonths,
      nextDue: due,
      gap: isGap({
        due,
        cycleEnd: p.cycleEnd,
        comingStarts: covering.filter((a) => a.state !== 'completed').map((a) => a.plannedStart),
        inCycle: covering.length > 0 || auditedInCycle,
      }),
    };
  });
  return {
    cycleStart: p.cycleStart,
    cycleEnd: p.cycleEnd,
    clauses,
    processes,
    gaps: {
      clauses: clauses.filter((c) => !c.covered && c.applicable).map((c) => c.clause),
      processes: processes.filter((x) => x.gap).map((x) => x.key),
    },
  };
}

const none = () => Object.fromEntries(findingKinds.map((k) => [k, 0])) as Required<FindingCounts>;

/**
 * Every completed audit (of any programme, or none) that named processes in its scope, latest start first,
 * with the findings it raised about each: those naming the process, and those naming none whose clause
 * concerns it or whose audit named it alone (past results, 9.2).
 */
async function pastResults(db: Queryable, lang: Language) {
  const res = await db.execute<{
    id: string;
    code: string;
    started: string;
    processes: string[];
    findings: Array<{ kind: (typeof findingKinds)[number]; clause: string; processKey: string | null }>;
  }>(sql`
    select a.id, a.code, coalesce(a.started_at::date, a.planned_start)::text as started,
           a.scope_processes as processes,
           coalesce((select json_agg(json_build_object('kind', f.kind, 'clause', f.clause,
                                                       'processKey', f.process_key))
                       from findings f where f.audit_id = a.id), '[]') as findings
      from audits a
     where a.state = 'completed' and cardinality(a.scope_processes) > 0
     order by coalesce(a.started_at::date, a.planned_start) desc, a.code desc`);
  const concerns = new Map(clauseRegister(lang).map((c) => [c.number, c.processes]));
  return res.rows.map((a) => {
    const processes = new Set(a.processes.map((k) => k.toLowerCase()));
    return {
      id: a.id,
      code: a.code,
      started: a.started,
      processes,
      findingsOf: (key: string) => {
        const counts = none();
        for (const f of a.findings) {
          const about = f.processKey
            ? f.processKey.toLowerCase() === key
            : processes.size === 1 || (concerns.get(f.clause) ?? []).includes(key);
          if (about) counts[f.kind] += 1;
        }
        return counts;
      },
    };
  });
}
