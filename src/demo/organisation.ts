import type { Role } from '../kernel/access/roles.ts';
import { createUser, findUserByEmail, type Language } from '../kernel/auth/users.ts';
import type { Db } from '../kernel/db/database.ts';
import { runCommand, systemActor } from '../kernel/db/tx.ts';
import { loadDemoAudits } from './audits.ts';
import { loadDemoChanges } from './changes.ts';
import { loadDemoContext } from './context.ts';
import { loadDemoGovernance } from './governance.ts';
import { loadHotelIt } from './hotel-it.ts';
import { loadDemoImprovements } from './improvements.ts';
import { loadDemoIncidents } from './incidents.ts';
import { loadDemoKnowledge } from './knowledge.ts';
import { loadDemoNonconformities } from './nonconformities.ts';
import { loadDemoPlan } from './plan.ts';
import { loadDemoProblems } from './problems.ts';
import { loadDemoReadiness } from './readiness.ts';
import { loadDemoReports } from './reports.ts';
import { loadDemoRequests } from './requests.ts';
import { loadDemoReviews } from './reviews.ts';
import { loadDemoRoles } from './roles.ts';

/**
 * The demo organisation: an IT department whose people hold each of Keel's roles, so every screen can be
 * tried at once. All share one documented password; never use the demo on a production server.
 */
export const DEMO_PASSWORD = 'keel-demo-2026';

export const demoPeople: Array<{ email: string; name: string; roles: Role[]; language: Language }> = [
  { email: 'admin@keel.example', name: 'Alex Administrator', roles: ['administrator'], language: 'en' },
  {
    email: 'head@keel.example',
    name: 'Hanna Hoofd',
    roles: ['process_owner', 'service_level_manager'],
    language: 'nl',
  },
  { email: 'top@keel.example', name: 'Thomas Topleder', roles: ['top_management'], language: 'da' },
  { email: 'owner@keel.example', name: 'Olivia Owner', roles: ['service_owner'], language: 'en' },
  { email: 'agent@keel.example', name: 'Sam Servicedesk', roles: ['service_desk_agent'], language: 'en' },
  { email: 'resolver@keel.example', name: 'Rui Resolver', roles: ['resolver'], language: 'en' },
  {
    email: 'incident@keel.example',
    name: 'Ines Incident',
    roles: ['incident_manager', 'problem_manager'],
    language: 'nl',
  },
  {
    email: 'change@keel.example',
    name: 'Carl Change',
    roles: ['change_manager', 'configuration_manager'],
    language: 'da',
  },
  {
    email: 'knowledge@keel.example',
    name: 'Kirsten Vidensen',
    roles: ['knowledge_manager'],
    language: 'da',
  },
  { email: 'auditor@keel.example', name: 'Aud Auditor', roles: ['internal_auditor'], language: 'en' },
  { email: 'customer@keel.example', name: 'Cora Customer', roles: ['customer'], language: 'en' },
  { email: 'supplier@keel.example', name: 'Stefan Supplier', roles: ['supplier'], language: 'en' },
];

/**
 * Loads the demo organisation: its people, and (once) its IT, the services and CIs of an alpine hotel group.
 * People who already exist are left as they are. Returns how many people it added.
 */
export async function loadDemo(db: Db): Promise<number> {
  return runCommand(db, systemActor('demo'), null, async (ctx) => {
    let added = 0;
    const ids: Record<string, string> = {};
    for (const p of demoPeople) {
      const found = await findUserByEmail(ctx.tx, p.email);
      ids[p.email.split('@')[0]!] = found
        ? found.id
        : (await createUser(ctx, { ...p, password: DEMO_PASSWORD })).user.id;
      if (!found) added += 1;
    }
    await loadHotelIt(ctx, ids);
    await loadDemoIncidents(ctx, ids);
    await loadDemoRequests(ctx, ids);
    await loadDemoChanges(ctx, ids);
    await loadDemoProblems(ctx, ids);
    await loadDemoGovernance(ctx, ids);
    await loadDemoRoles(ctx, ids);
    await loadDemoContext(ctx, ids);
    await loadDemoPlan(ctx, ids);
    await loadDemoKnowledge(ctx, ids);
    await loadDemoAudits(ctx, ids);
    // after the audits' demo, which raises its own nonconformities and opportunities through the faces
    await loadDemoNonconformities(ctx, ids);
    await loadDemoImprovements(ctx, ids);
    await loadDemoReadiness(ctx, ids);
    // after every record the review's inputs read (audits, nonconformities, improvements), since holding the
    // review freezes them; the review pack reads the review
    await loadDemoReviews(ctx, ids);
    await loadDemoReports(ctx, ids);
    return added;
  });
}
