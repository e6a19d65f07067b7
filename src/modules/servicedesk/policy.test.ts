import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import {
  mayDeclareMajor,
  mayExplainBreach,
  mayKeepDesk,
  mayRecordIncident,
  mayReviewMajor,
  mayWorkIncidents,
  mayWriteOnIncident,
  recordsForOthers,
} from './policy.ts';

/** Who may do what at the service desk, as the incident process owner would say it: role × action × situation. */
const me = 'u-me';
const as = (...roles: Role[]) => ({ roles, userId: me });
type Who = ReturnType<typeof as>;
const open = { requesterId: 'u-other', major: false, final: false };
const mine = { ...open, requesterId: me };
const closed = { ...open, final: true };

const table: Array<{ what: string; holds: () => boolean; expected: boolean }> = [];
const row = (what: string, who: Who, rule: (w: Who) => boolean, expected: boolean) =>
  table.push({ what, holds: () => rule(who), expected });

row('an agent records an incident', as('service_desk_agent'), mayRecordIncident, true);
row('a customer records an incident', as('customer'), mayRecordIncident, true);
row('a supplier records an incident', as('supplier'), mayRecordIncident, false);
row('the internal auditor records an incident', as('internal_auditor'), mayRecordIncident, false);
row('a change manager records an incident', as('change_manager'), mayRecordIncident, false);
row('an agent records for someone else', as('service_desk_agent'), recordsForOthers, true);
row('a customer records for someone else', as('customer'), recordsForOthers, false);
row('a resolver works incidents', as('resolver'), mayWorkIncidents, true);
row('an incident manager works incidents', as('incident_manager'), mayWorkIncidents, true);
row('top management works incidents', as('top_management'), mayWorkIncidents, false);
row('a customer works incidents', as('customer'), mayWorkIncidents, false);
row(
  'an agent comments on anyone’s incident',
  as('service_desk_agent'),
  (w) => mayWriteOnIncident(w, open),
  true,
);
row('a customer comments on their own incident', as('customer'), (w) => mayWriteOnIncident(w, mine), true);
row('a customer comments on someone else’s', as('customer'), (w) => mayWriteOnIncident(w, open), false);
row('the internal auditor comments', as('internal_auditor'), (w) => mayWriteOnIncident(w, open), false);
row(
  'an incident manager declares a major incident',
  as('incident_manager'),
  (w) => mayDeclareMajor(w, open),
  true,
);
row(
  'an incident manager declares a closed one major',
  as('incident_manager'),
  (w) => mayDeclareMajor(w, closed),
  false,
);
row('an agent declares a major incident', as('service_desk_agent'), (w) => mayDeclareMajor(w, open), false);
row('top management declares a major incident', as('top_management'), (w) => mayDeclareMajor(w, open), false);
row('a problem manager writes the review', as('problem_manager'), mayReviewMajor, true);
row('a process owner writes the review', as('process_owner'), mayReviewMajor, true);
row('an agent writes the review', as('service_desk_agent'), mayReviewMajor, false);
row('the service level manager explains a breach', as('service_level_manager'), mayExplainBreach, true);
row('a customer explains a breach', as('customer'), mayExplainBreach, false);
row('an administrator keeps the desk’s settings', as('administrator'), mayKeepDesk, true);
row('an incident manager keeps the desk’s settings', as('incident_manager'), mayKeepDesk, true);
row('an agent keeps the desk’s settings', as('service_desk_agent'), mayKeepDesk, false);

describe('service desk policy', () => {
  it.each(table)('$what: $expected', ({ holds, expected }) => {
    expect(holds()).toBe(expected);
  });
});
