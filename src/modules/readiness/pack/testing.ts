import { posix } from 'node:path';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import type { TestKeel, TestUser } from '../../../testing/harness.ts';

/** For the pack's tests: helpers to read a pack. */

export const unzip = (body: Buffer | Uint8Array) => unzipSync(new Uint8Array(body));
export const text = (files: Record<string, Uint8Array>, path: string) => strFromU8(files[path]!);

/** Every link of every page that does not resolve to a file of the pack (or an anchor on its page). */
export function brokenLinks(files: Record<string, Uint8Array>) {
  const broken: string[] = [];
  for (const path of Object.keys(files).filter((p) => p.endsWith('.html'))) {
    const page = text(files, path);
    for (const [, href] of page.matchAll(/href="([^"]*)"/g)) {
      const [target, anchor] = href!.split('#');
      const file = target ? posix.normalize(posix.join(posix.dirname(path), target)) : path;
      if (/^[a-z]+:/i.test(href!) || href!.startsWith('/') || !files[file]) broken.push(`${path} → ${href}`);
      else if (anchor && !text(files, file).includes(`id="${anchor}"`)) broken.push(`${path} → ${href}`);
    }
  }
  return broken;
}

/**
 * Check-and-act records of 2026 written straight into their tables (their modules are written alongside the
 * pack): a programme, an audit with its report, a finding raising a nonconformity with a corrective action,
 * an improvement, a management review held with a decision and an action, a report sent. Titles carry
 * markup and CSV's special characters, which the pack must keep as text.
 */
export async function seedCheckAndAct(k: TestKeel, auditor: TestUser, head: TestUser) {
  const one = async <T>(q: ReturnType<typeof sql>) =>
    (await k.db.execute<T & Record<string, unknown>>(q)).rows[0]!;
  const programme = await one<{ id: string }>(sql`
    insert into audit_programmes (code, title, cycle_start, cycle_end, owner_id, state)
    values ('AP-2026', 'Programme 2026–2028', '2026-01-01', '2028-12-31', ${head.id}, 'approved') returning id`);
  const audit = await one<{ id: string }>(sql`
    insert into audits (code, programme_id, title, scope_clauses, scope_processes, lead_auditor_id, planned_start,
                        planned_end, state, summary, conclusion, reported_at)
    values ('AUD-2026-01', ${programme.id}, 'Change management <script>alert(1)</script>', '{8.5.1}', '{changes}',
            ${auditor.id}, '2026-03-02', '2026-03-04', 'reporting', 'Three changes sampled.',
            'Conforms, with one minor nonconformity.', '2026-03-05T10:00:00Z') returning id`);
  await k.db.execute(sql`
    insert into audit_checklist_items (audit_id, clause, position, question, answer, notes)
    values (${audit.id}, '8.5.1', 1, 'Are changes approved by the change authority?', 'finding', 'One was not')`);
  const nc = await one<{ id: string }>(sql`
    insert into work_items (type, number, title, state, assignee_id)
    values ('nonconformity', 'NC-000001', 'Emergency change approved afterwards, "by phone", not recorded', 'action', ${head.id})
    returning id`);
  const finding = await one<{ id: string }>(sql`
    insert into findings (code, audit_id, kind, clause, title, statement, raised_by, raised_at, nonconformity_id)
    values ('F-2026-001', ${audit.id}, 'minor_nc', '8.5.1', 'Approval not recorded', 'CHG-000004 lacks its approval',
            ${auditor.id}, '2026-03-03T09:00:00Z', ${nc.id}) returning id`);
  await k.db.execute(sql`
    insert into nonconformities (work_item_id, source, source_ref, finding_id, severity, clause, correction)
    values (${nc.id}, 'audit', 'F-2026-001', ${finding.id}, 'minor', '8.5.1', 'Approval recorded after the fact')`);
  await k.db.execute(sql`
    insert into corrective_actions (work_item_id, title, responsible_id, due)
    values (${nc.id}, '=Train the CAB on emergency approvals', ${head.id}, '2026-04-30')`);
  await k.db.execute(sql`
    insert into improvements (code, title, source, state, score)
    values ('IMP-001', 'Self-service password reset', 'idea', 'approved', 72.5)`);
  const review = await one<{ id: string }>(sql`
    insert into management_reviews (code, title, period_from, period_to, meeting_on, chair_id, state, minutes, held_at)
    values ('MR-2026-1', 'Management review H1 2026', '2026-01-01', '2026-06-30', '2026-07-10', ${head.id}, 'held',
            'The review went through every input.', '2026-07-10T12:00:00Z') returning id`);
  const decision = await one<{ id: string }>(sql`
    insert into management_review_decisions (review_id, position, text, topic)
    values (${review.id}, 1, 'Add a second service desk shift', 'resources') returning id`);
  await k.db.execute(sql`
    insert into management_review_attendees (review_id, user_id, attended) values (${review.id}, ${head.id}, true)`);
  await k.db.execute(sql`
    insert into management_review_actions (review_id, decision_id, title, responsible_id, due)
    values (${review.id}, ${decision.id}, 'Recruit two agents', ${head.id}, '2026-10-01')`);
  return { audit: audit.id, review: review.id };
}
