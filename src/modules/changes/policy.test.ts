import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import {
  mayApproveChange,
  mayChangeKind,
  mayEditChange,
  mayReadChangeLog,
  mayRecordChange,
  mayWriteOnChange,
} from './policy.ts';

/** Who may do what with changes, as the change process owner would say it: role × action × situation. */
const me = 'u-me';
const someoneElse = 'u-other';
const as = (...roles: Role[]) => ({ roles, userId: me });
const normal = (requesterId = someoneElse) => ({ kind: 'normal', requesterId });
const emergency = (requesterId = someoneElse) => ({ kind: 'emergency', requesterId });
const standard = (requesterId = someoneElse) => ({ kind: 'standard', requesterId });

type Who = ReturnType<typeof as>;
const table: Array<{ what: string; holds: () => boolean; expected: boolean }> = [];
const row = (what: string, who: Who, rule: (w: Who) => boolean, expected: boolean) =>
  table.push({ what, holds: () => rule(who), expected });

// recording, reading, editing
row('a resolver records a change', as('resolver'), mayRecordChange, true);
row('a change manager records a change', as('change_manager'), mayRecordChange, true);
row('top management records a change', as('top_management'), mayRecordChange, true);
row('a customer records a change', as('customer'), mayRecordChange, false);
row('a supplier records a change', as('supplier'), mayRecordChange, false);
row('the internal auditor records a change', as('internal_auditor'), mayRecordChange, false);
row('the internal auditor reads the change log', as('internal_auditor'), mayReadChangeLog, true);
row('a process owner reads the change log', as('process_owner'), mayReadChangeLog, true);
row('a customer reads the change log', as('customer'), mayReadChangeLog, false);
row('a supplier reads the change log', as('supplier'), mayReadChangeLog, false);
row('an administrator comments on a change', as('administrator'), mayWriteOnChange, true);
row('the internal auditor comments on a change', as('internal_auditor'), mayWriteOnChange, false);
row('an administrator edits the plan', as('administrator'), mayEditChange, false);
row('an agent edits the plan', as('service_desk_agent'), mayEditChange, true);
// approving: the authority for normal and emergency changes, never the requester; standard: any worker
row(
  'the change manager approves a normal change',
  as('change_manager'),
  (w) => mayApproveChange(w, normal()),
  true,
);
row(
  'top management approves an emergency change',
  as('top_management'),
  (w) => mayApproveChange(w, emergency()),
  true,
);
row('a resolver approves a normal change', as('resolver'), (w) => mayApproveChange(w, normal()), false);
row(
  'a process owner approves a normal change',
  as('process_owner'),
  (w) => mayApproveChange(w, normal()),
  false,
);
row(
  'the change manager approves their own normal change',
  as('change_manager'),
  (w) => mayApproveChange(w, normal(me)),
  false,
);
row(
  'top management approves their own emergency change',
  as('top_management'),
  (w) => mayApproveChange(w, emergency(me)),
  false,
);
row(
  'an agent approves a standard change',
  as('service_desk_agent'),
  (w) => mayApproveChange(w, standard()),
  true,
);
row(
  'an agent approves their own standard change',
  as('service_desk_agent'),
  (w) => mayApproveChange(w, standard(me)),
  true,
);
row('a customer approves a standard change', as('customer'), (w) => mayApproveChange(w, standard()), false);
// the kind, once submitted
row(
  'a resolver sets the kind of a new change',
  as('resolver'),
  (w) => mayChangeKind(w, { state: 'new' }),
  true,
);
row(
  'a resolver relabels a submitted change',
  as('resolver'),
  (w) => mayChangeKind(w, { state: 'assessment' }),
  false,
);
row(
  'the change manager relabels a submitted change',
  as('change_manager'),
  (w) => mayChangeKind(w, { state: 'assessment' }),
  true,
);

describe('change policy', () => {
  it.each(table)('$what: $expected', ({ holds, expected }) => {
    expect(holds()).toBe(expected);
  });
});
