import type { Principal } from '../../kernel/auth/principal.ts';
import { addDays, today } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { listObjectives, type Status } from '../objectives/index.ts';
import { listPolicies } from '../policies/index.ts';
import { mayReadReviews, openReviewActions } from '../reviews/index.ts';
import { listRisks } from '../risks/index.ts';
import { roleCatalogue } from '../roles/index.ts';

/**
 * The leadership dashboard (5.1): where the objectives stand, open high risks and risk reviews coming up,
 * policies waiting for a decision or a review, how far each policy in force has been read, the gaps in roles
 * and processes, and the open actions of management reviews (9.3). Every figure carries the link to its records.
 */
export async function leadershipDashboard(db: Queryable, who: Principal) {
  const objectives = await listObjectives(db);
  const counts: Record<Status, number> = { on_track: 0, at_risk: 0, missed: 0, achieved: 0, not_measured: 0 };
  for (const o of objectives) counts[o.status] += 1;
  const policies = await listPolicies(db, who);
  const link = (id: string) => `/policies/${id}`;
  const open = await listRisks(db, { status: 'open' });
  const high = open.filter((r) => r.kind === 'risk' && r.high);
  const { gaps } = await roleCatalogue(db);
  const soon = addDays(today(), 30);
  // the dashboard's readers include some who do not read reviews (the administrator): they get none
  const readsReviews = mayReadReviews(who);
  const reviewActions = readsReviews ? await openReviewActions(db) : [];
  return {
    reviews: {
      readable: readsReviews,
      openActions: reviewActions.map((a) => ({
        id: a.id,
        reviewCode: a.reviewCode,
        title: a.title,
        responsible: a.responsible?.name ?? null,
        due: a.due,
        overdue: a.overdue,
        link: a.link,
      })),
    },
    roles: {
      gaps: gaps.map((g) => ({ ...g, link: 'roleId' in g ? `/roles/${g.roleId}` : '/processes' })),
    },
    risks: {
      high: high.map((r) => ({
        id: r.id,
        code: r.code,
        title: r.title,
        score: r.residual.score,
        treatment: r.treatment,
        link: `/risks/${r.id}`,
      })),
      reviewsDue: open
        .filter((r) => r.reviewDue <= soon)
        .map((r) => ({
          id: r.id,
          code: r.code,
          title: r.title,
          reviewDue: r.reviewDue,
          overdue: r.reviewOverdue,
          link: `/risks/${r.id}`,
        })),
    },
    objectives: {
      counts,
      items: objectives.map((o) => ({
        id: o.id,
        code: o.code,
        title: o.title,
        status: o.status,
        value: o.current.value,
        target: o.target,
        direction: o.direction,
        unit: o.unit,
        kpi: o.measurement.kind === 'kpi' ? o.measurement.kpi : null,
        link: `/objectives/${o.id}`,
      })),
    },
    policies: {
      awaitingApproval: policies
        .filter((p) => p.latestState === 'in_review')
        .map((p) => ({
          id: p.id,
          identifier: p.identifier,
          title: p.title,
          version: p.latestVersion,
          link: link(p.id),
        })),
      reviewsDue: policies
        .filter((p) => p.reviewOverdue)
        .map((p) => ({
          id: p.id,
          identifier: p.identifier,
          title: p.title,
          reviewDue: p.reviewDue,
          link: link(p.id),
        })),
      coverage: policies
        .filter((p) => p.coverage)
        .map((p) => ({
          id: p.id,
          identifier: p.identifier,
          title: p.title,
          version: p.publishedVersion,
          percent: p.coverage!.percent,
          outstanding: p.coverage!.asked - p.coverage!.acknowledged,
          link: link(p.id),
        }))
        .sort((a, b) => (a.percent ?? 0) - (b.percent ?? 0)),
    },
  };
}
