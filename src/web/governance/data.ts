import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../kernel/access/roles.ts';
import type { AppointmentView, Gap } from '../../modules/roles/index.ts';
import { get, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';

/**
 * The leadership side of the service management system, one process module each on the server: context and
 * scope, policies (and the plan, a policy document), objectives, risks, roles and processes, communication,
 * and the leadership dashboard over them. Their answers' types stay here until the modules export them,
 * which is why this one file of the governance area runs past 400 lines: those types are half of it.
 */

/* ---------- types ---------- */

export type PolicyRow = {
  id: string;
  identifier: string;
  title: string;
  kind: string;
  publishedVersion: number | null;
  latestVersion: number;
  latestState: string;
  reviewDue: string | null;
  reviewOverdue: boolean;
  coverage: { asked: number; acknowledged: number; percent: number | null } | null;
  toAcknowledge: boolean;
};
export type PolicyVersion = {
  number: number;
  state: string;
  body: string;
  changeNote: string;
  author: string | null;
  publishedAt: string | null;
  decisions: Array<{ decider: string; role: string; approved: boolean; comment: string; at: string }>;
};
export type Policy = {
  id: string;
  identifier: string;
  title: string;
  kind: string;
  process: string | null;
  owner: { id: string; name: string | null };
  approverRoles: Role[];
  reviewDue: string | null;
  language: string;
  versions: PolicyVersion[];
  coverage: null | {
    asked: number;
    acknowledged: number;
    percent: number | null;
    byRole: Array<{ role: string; asked: number; acknowledged: number; percent: number | null }>;
    outstanding: Array<{ userId: string; name: string }>;
  };
  myAcknowledgement: null | { acknowledgedAt: string | null };
};
/** What changed in a version against the one before, as runs of text. */
export type PolicyChanges = {
  against: number | null;
  changes: Array<{ op: 'same' | 'added' | 'removed'; text: string }>;
};
export type PolicyToRead = { policyId: string; identifier: string; title: string; version: number };

export type ObjectiveRow = {
  id: string;
  code: string;
  title: string;
  status: string;
  target: number;
  direction: 'at_least' | 'at_most';
  unit: string;
  deadline: string;
  current: { periodStart: string; value: number | null };
  measurement: { kind: 'kpi'; kpi: string; priority?: number | null } | { kind: 'recorded' };
};
export type Objective = ObjectiveRow & {
  businessGoal: string;
  owner: { id: string; name: string | null };
  period: string;
  trend: Array<{ periodStart: string; value: number | null }>;
  actions: Array<{
    id: string;
    title: string;
    responsible: string | null;
    resources: string;
    due: string | null;
    done: boolean;
    overdue: boolean;
  }>;
  reviews: Array<{ status: string; value: number | null; note: string; reviewer: string | null; at: string }>;
  recordedValues: Array<{ periodStart: string; value: number; evidence: string }>;
};

export type RiskRow = {
  id: string;
  code: string;
  kind: 'risk' | 'opportunity';
  title: string;
  inherent: { likelihood: number; impact: number; score: number };
  residual: { likelihood: number; impact: number; score: number };
  high: boolean;
  treatment: string;
  reviewDue: string;
  reviewOverdue: boolean;
  status: string;
};
export type Risk = RiskRow & {
  causes: string;
  consequences: string;
  owner: string | null;
  acceptedBy: string | null;
  acceptedAt: string | null;
  services: Array<{ id: string; name: string | null }>;
  cis: Array<{ id: string; name: string | null }>;
  actions: Array<{
    id: string;
    title: string;
    responsible: string | null;
    due: string | null;
    done: boolean;
  }>;
};
/** The open risks after treatment by likelihood (rows, lowest first) and impact (columns). */
export type HeatMap = {
  criteria: { likelihood: string[]; impact: string[]; acceptable: number };
  residual: Array<Array<{ likelihood: number; impact: number; acceptable: boolean; risks: string[] }>>;
};

export type Appointment = AppointmentView;
export type { Gap };
export type SmsRole = {
  id: string;
  key: string;
  name: string;
  description: string;
  responsibilities: string[];
  authorities: string[];
  competences: string[];
  accessRole: Role | null;
  processKey: string | null;
  needsDeputy: boolean;
  retired: boolean;
  version: number;
  holders: Appointment[];
};
export type RoleCatalogue = { items: SmsRole[]; gaps: Gap[] };
export type RoleDetail = SmsRole & { appointments: Appointment[]; gaps: Gap[] };
export type SmsProcess = {
  id: string;
  key: string;
  name: string;
  description: string;
  ownerId: string | null;
  ownerName: string | null;
  kpis: string[];
  criteria: string;
  raci: Array<{ activity: string; cells: Record<string, 'R' | 'A' | 'C' | 'I'> }>;
  version: number;
};

export type Issue = {
  id: string;
  kind: 'internal' | 'external';
  title: string;
  description: string;
  effect: string;
  climateRelated: boolean;
  status: 'open' | 'closed';
  version: number;
};
export type Party = {
  id: string;
  name: string;
  kind: string;
  requirements: string;
  howAddressed: string;
  version: number;
};
export type Context = {
  issues: Issue[];
  parties: Party[];
  climate: { number: number; relevant: boolean; reasoning: string; decidedAt: string } | null;
};
export type Scope = {
  current: {
    number: number;
    statement: string;
    serviceIds: string[];
    services: Array<{ id: string; name: string; status: string }>;
    units: string[];
    locations: string[];
    exclusions: string;
    climateRelevant: boolean;
    climateReasoning: string;
    createdAt: string;
    author: string | null;
  } | null;
  versions: Array<{ number: number; reason: string; author: string | null; createdAt: string }>;
  warnings: Array<{ kind: string; serviceId?: string; name?: string }>;
};

export type CommunicationEntry = {
  id: string;
  subject: string;
  audience: string;
  channel: string;
  frequency: string;
  responsibleId: string;
  responsible: string;
  active: boolean;
  version: number;
  nextTaskId: string | null;
  nextDue: string | null;
  overdue: boolean;
  lastDoneAt: string | null;
  lastNote: string | null;
};

export type Plan = { policyId: string | null; notes: Record<string, string>; preview: string };

type Linked = { id: string; link: string };
export type Dashboard = {
  roles: { gaps: Gap[] };
  risks: {
    high: Array<Linked & { code: string; title: string; score: number; treatment: string }>;
    reviewsDue: Array<Linked & { code: string; title: string; reviewDue: string; overdue: boolean }>;
  };
  objectives: {
    counts: Record<string, number>;
    items: Array<
      Linked & {
        code: string;
        title: string;
        status: string;
        value: number | null;
        target: number;
        direction: string;
        unit: string;
      }
    >;
  };
  policies: {
    awaitingApproval: Array<Linked & { identifier: string; title: string; version: number }>;
    reviewsDue: Array<Linked & { identifier: string; title: string }>;
    coverage: Array<
      Linked & {
        identifier: string;
        title: string;
        version: number;
        percent: number | null;
        outstanding: number;
      }
    >;
  };
};

/* ---------- keys ---------- */

const key = areaKeys('governance');
export const governanceKeys = {
  policies: () => key('policies'),
  policy: (id: string) => key('policies', 'one', id),
  policyChanges: (id: string, version: number) => key('policies', 'one', id, 'changes', version),
  toRead: () => key('policies', 'to-read'),
  objectives: () => key('objectives'),
  objective: (id: string) => key('objectives', 'one', id),
  risks: () => key('risks'),
  heatmap: () => key('risks', 'heatmap'),
  risk: (id: string) => key('risks', 'one', id),
  roles: () => key('roles'),
  role: (id: string) => key('roles', 'one', id),
  processes: () => key('processes'),
  context: () => key('context'),
  scope: () => key('context', 'scope'),
  communication: () => key('communication'),
  plan: () => key('plan'),
  leadership: () => key('leadership'),
};
const k = governanceKeys;

/** A read of one governance answer. */
const useAnswer = <T>(queryKey: readonly unknown[], path: string, enabled = true) =>
  useQuery({ queryKey, queryFn: () => get<T>(path), enabled });

/** A write of a governance record: POST to create, PATCH (at the version read) to change. */
type Save = { id?: string; version?: number; body: object };
const saveTo =
  (collection: string) =>
  ({ id, version, body }: Save) =>
    id ? send('PATCH', `${collection}/${id}`, body, version) : send('POST', collection, body);

/* ---------- policies ---------- */

export const usePolicies = () => useAnswer<{ items: PolicyRow[] }>(k.policies(), '/api/v1/policies');
export const usePolicy = (id: string) => useAnswer<Policy>(k.policy(id), `/api/v1/policies/${id}`);
export const usePolicyChanges = (id: string, version: number) =>
  useAnswer<PolicyChanges>(
    k.policyChanges(id, version),
    `/api/v1/policies/${id}/versions/${version}/changes`,
  );
/** The policies the reader has been asked to read and has not acknowledged. */
export const usePoliciesToRead = () =>
  useAnswer<{ items: PolicyToRead[] }>(k.toRead(), '/api/v1/acknowledgements');
export const policyPdfUrl = (id: string, version: number) => `/api/v1/policies/${id}/versions/${version}/pdf`;

export const useCreatePolicy = (hooks?: SaveHooks<object, { id: string }>) =>
  useSaveMutation({
    send: (body: object) => send<{ id: string }>('POST', '/api/v1/policies', body),
    refresh: [k.policies(), k.plan()],
    ...hooks,
  });

/** A step in a policy's life: write the draft, submit, decide, publish, remind, acknowledge, start a version. */
export type PolicyStep =
  | { step: 'draft'; body: { body: string } }
  | { step: 'submit' | 'publish' | 'reminders' | 'acknowledgement' | 'versions' }
  | { step: 'decisions'; body: { approved: boolean; comment: string } };

export const usePolicyStep = (id: string, hooks?: SaveHooks<PolicyStep, unknown>) =>
  useSaveMutation({
    send: (s: PolicyStep) =>
      send(
        s.step === 'draft' ? 'PUT' : 'POST',
        `/api/v1/policies/${id}/${s.step}`,
        'body' in s ? s.body : {},
      ),
    refresh: [k.policies(), k.toRead()],
    noForm: true,
    ...hooks,
  });

/* ---------- the plan ---------- */

export const usePlan = (enabled = true) => useAnswer<Plan>(k.plan(), '/api/v1/plan', enabled);

/** Writes the plan's draft from the records and the author's notes. */
export const useAssemblePlan = (policyId: string, hooks?: SaveHooks<Record<string, string>, unknown>) =>
  useSaveMutation({
    send: (notes: Record<string, string>) => send('POST', `/api/v1/policies/${policyId}/assemble`, { notes }),
    refresh: [k.policy(policyId), k.plan()],
    noForm: true,
    ...hooks,
  });

/* ---------- objectives ---------- */

export const useObjectives = () => useAnswer<{ items: ObjectiveRow[] }>(k.objectives(), '/api/v1/objectives');
export const useObjective = (id: string) => useAnswer<Objective>(k.objective(id), `/api/v1/objectives/${id}`);

export const useCreateObjective = (hooks?: SaveHooks<object, { id: string }>) =>
  useSaveMutation({
    send: (body: object) => send<{ id: string }>('POST', '/api/v1/objectives', body),
    refresh: [k.objectives()],
    ...hooks,
  });

/** What an objective's owner records: a value, an action (or that it is done), a review. */
export type ObjectiveStep =
  | { step: 'values'; body: { value: number; evidence: string } }
  | { step: 'actions'; body: { title: string } }
  | { step: 'done'; actionId: string; done: boolean }
  | { step: 'reviews'; body: { note: string } };

export const useObjectiveStep = (id: string, hooks?: SaveHooks<ObjectiveStep, unknown>) =>
  useSaveMutation({
    send: (s: ObjectiveStep) =>
      s.step === 'done'
        ? send('PUT', `/api/v1/objectives/${id}/actions/${s.actionId}/done`, { done: s.done })
        : send('POST', `/api/v1/objectives/${id}/${s.step}`, s.body),
    refresh: [k.objectives()],
    noForm: true,
    ...hooks,
  });

/* ---------- risks ---------- */

export const useOpenRisks = () => useAnswer<{ items: RiskRow[] }>(k.risks(), '/api/v1/risks?status=open');
export const useRiskHeatMap = () => useAnswer<HeatMap>(k.heatmap(), '/api/v1/risks/heatmap');
export const useRisk = (id: string) => useAnswer<Risk>(k.risk(id), `/api/v1/risks/${id}`);

export const useCreateRisk = (hooks?: SaveHooks<object, unknown>) =>
  useSaveMutation({
    send: (body: object) => send('POST', '/api/v1/risks', body),
    refresh: [k.risks()],
    ...hooks,
  });

/* ---------- roles and processes ---------- */

export const useRoleCatalogue = () => useAnswer<RoleCatalogue>(k.roles(), '/api/v1/roles');
export const useRole = (id: string) => useAnswer<RoleDetail>(k.role(id), `/api/v1/roles/${id}`);
export const useProcesses = () => useAnswer<{ items: SmsProcess[] }>(k.processes(), '/api/v1/processes');

export const useSaveRole = (hooks?: SaveHooks<Save, unknown>) =>
  useSaveMutation({ send: saveTo('/api/v1/roles'), refresh: [k.roles()], ...hooks });

export const useSaveProcess = (hooks?: SaveHooks<Save, unknown>) =>
  useSaveMutation({ send: saveTo('/api/v1/processes'), refresh: [k.processes(), k.roles()], ...hooks });

export const useSaveAppointment = (hooks?: SaveHooks<Save, unknown>) =>
  useSaveMutation({ send: saveTo('/api/v1/appointments'), refresh: [k.roles()], ...hooks });

/* ---------- context and scope ---------- */

export const useScope = () => useAnswer<Scope>(k.scope(), '/api/v1/scope');
export const useContext = () => useAnswer<Context>(k.context(), '/api/v1/context');

/** A new version of the scope (the scope is never changed in place). */
export const useSaveScope = (hooks?: SaveHooks<object, unknown>) =>
  useSaveMutation({
    send: (body: object) => send('POST', '/api/v1/scope', body),
    refresh: [k.context()],
    ...hooks,
  });

export const useSaveIssue = (hooks?: SaveHooks<Save, unknown>) =>
  useSaveMutation({ send: saveTo('/api/v1/context/issues'), refresh: [k.context()], ...hooks });

export const useSaveParty = (hooks?: SaveHooks<Save, unknown>) =>
  useSaveMutation({ send: saveTo('/api/v1/context/parties'), refresh: [k.context()], ...hooks });

/* ---------- communication ---------- */

export const useCommunicationPlan = () =>
  useAnswer<{ items: CommunicationEntry[] }>(k.communication(), '/api/v1/communication');

export const useSaveEntry = (hooks?: SaveHooks<Save, unknown>) =>
  useSaveMutation({ send: saveTo('/api/v1/communication'), refresh: [k.communication()], ...hooks });

/** Marks an occurrence of an entry done, with what was said. */
export const useCommunicationDone = (hooks?: SaveHooks<{ taskId: string; note: string }, unknown>) =>
  useSaveMutation({
    send: ({ taskId, note }: { taskId: string; note: string }) =>
      send('POST', `/api/v1/communication/tasks/${taskId}/done`, { note }),
    refresh: [k.communication()],
    noForm: true,
    ...hooks,
  });

/* ---------- leadership ---------- */

export const useLeadershipDashboard = () =>
  useAnswer<Dashboard>(k.leadership(), '/api/v1/leadership/dashboard');
