import { sql } from 'drizzle-orm';
import { contextFor, systemActor } from '../../kernel/db/tx.ts';
import type { JobHandler } from '../../kernel/jobs/worker.ts';
import { notify, notifyAssignees } from '../../kernel/notify/notify.ts';
import { CHANGE_CLOSED_JOB } from '../changes/index.ts';
import { PROBLEM_FROM_REVIEW_JOB } from '../servicedesk/index.ts';
import { asKeel } from './candidates.ts';
import { createProblem, link, tellRecorded } from './commands.ts';
import { problemManagers } from './policy.ts';

/**
 * A major incident's review was completed saying the root cause is unknown (the service desk queues this,
 * knowing nothing of problems): a problem is recorded (origin `major_incident`) with the incident linked
 * caused_by it, on the incident's service and the CIs named on it, and the problem managers are told. Once per incident: a
 * problem from its review already there is left as it is.
 */
const fromReview: JobHandler = async (job, tx) => {
  const { workItemId } = job.payload as { workItemId: string };
  const res = await tx.execute<{
    number: string;
    title: string;
    service_id: string | null;
    summary: string;
    root_cause: string;
    ci_ids: string[];
    already: boolean;
  }>(sql`
    select w.number, w.title,
           (select s.id from services s where s.id = w.service_id and s.status <> 'retired') as service_id,
           r.summary, r.root_cause,
           coalesce((select array_agg(x.ci_id) from incident_cis x
                      where x.work_item_id = w.id and x.source = 'manual'), '{}') as ci_ids,
           exists (select 1 from work_item_links l join problems p on p.work_item_id = l.to_id
                    where l.from_id = w.id and l.kind = 'caused_by' and p.origin = 'major_incident') as already
      from work_items w join post_incident_reviews r on r.work_item_id = w.id
     where w.id = ${workItemId} and w.type = 'incident' and r.state = 'completed' and r.root_cause_known = false`);
  const r = res.rows[0];
  if (!r || r.already) return;
  const ctx = contextFor(tx, systemActor('problems from reviews'));
  const item = await createProblem(
    ctx,
    asKeel(ctx),
    {
      title: `Root cause of major incident ${r.number}: ${r.title}`.slice(0, 300),
      description: r.summary,
      symptoms: r.summary,
      rcaAnalysis: r.root_cause,
      serviceId: r.service_id,
      ciIds: r.ci_ids,
    },
    { origin: 'major_incident', incidentIds: [workItemId] },
  );
  await tellRecorded(ctx, item, r.number);
};

/**
 * A change was closed (the changes module queues this for whoever waits on it): each open problem it fixes
 * (linked resolved_by it, not yet resolved) tells its owner — or the problem managers while it has none —
 * that the fix is in, so they resolve it. Problems hear of it; changes know nothing of problems.
 */
const fixClosed: JobHandler = async (job, tx) => {
  const { changeId } = job.payload as { changeId: string };
  const res = await tx.execute<{
    number: string;
    title: string;
    assignee_id: string | null;
    change: string;
  }>(sql`
    select p.number, p.title, p.assignee_id, c.number as change
      from work_item_links l join work_items p on p.id = l.from_id join work_items c on c.id = l.to_id
     where l.to_id = ${changeId} and l.kind = 'resolved_by' and p.type = 'problem'
       and not p.final and p.state <> 'resolved'
     order by p.number`);
  const owned = res.rows.filter((r) => r.assignee_id);
  await notifyAssignees(
    tx,
    'problem.fix_closed',
    owned.map((r) => ({
      assigneeId: r.assignee_id,
      groupId: null,
      params: { number: r.number, title: r.title, change: r.change },
      link: link(r.number),
    })),
  );
  const ctx = contextFor(tx, systemActor('problems'));
  for (const r of res.rows.filter((x) => !x.assignee_id)) {
    await notify(
      tx,
      { roles: problemManagers },
      'problem.fix_closed',
      { number: r.number, title: r.title, change: r.change },
      link(r.number),
    );
  }
  if (res.rows.length)
    await ctx.audit({
      action: 'problem.fix-closed',
      recordType: 'work-item',
      recordId: res.rows[0]!.change,
      after: { problems: res.rows.map((r) => r.number) },
    });
};

export const problemJobs: Record<string, JobHandler> = {
  [PROBLEM_FROM_REVIEW_JOB]: fromReview,
  [CHANGE_CLOSED_JOB]: fixClosed,
};
