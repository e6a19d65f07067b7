import { useQuery } from '@tanstack/react-query';
import type { PlanEntry } from '../../modules/communication/index.ts';
import type {
  ContextView,
  Issue as IssueView,
  Party as PartyView,
  ScopeView,
} from '../../modules/context/index.ts';
import type { Dashboard as DashboardView } from '../../modules/leadership/index.ts';
import type { ObjectiveDetail, ObjectiveSummary } from '../../modules/objectives/index.ts';
import type { PlanView } from '../../modules/plan/index.ts';
import type {
  PendingAcknowledgement,
  PolicyChanges,
  PolicyRow as PolicyRowView,
  PolicyView,
} from '../../modules/policies/index.ts';
import type {
  HeatMap as HeatMapView,
  RiskDetail,
  RiskRow as RiskRowView,
} from '../../modules/risks/index.ts';
import type {
  AppointmentView,
  Catalogue,
  Gap as GapView,
  RoleDetail as RoleDetailView,
  SmsProcess as SmsProcessView,
  SmsRole as SmsRoleView,
} from '../../modules/roles/index.ts';
import { get, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import type { Wire } from '../types.ts';

/**
 * The leadership side of the service management system, one process module each on the server: context and
 * scope, policies (and the plan, a policy document), objectives, risks, roles and processes, communication,
 * and the leadership dashboard over them. Their answers' types come from the modules' faces.
 */

/* ---------- types: the modules' answers, as they declare them ---------- */

export type Context = Wire<ContextView>;
export type Scope = Wire<ScopeView>;
export type Issue = Wire<IssueView>;
export type Party = Wire<PartyView>;
export type Policy = Wire<PolicyView>;
export type PolicyVersion = Policy['versions'][number];
export type PolicyToRead = Wire<PendingAcknowledgement>;
export type PolicyRow = Wire<PolicyRowView>;
export type Objective = Wire<ObjectiveDetail>;
export type ObjectiveRow = Wire<ObjectiveSummary>;
export type Risk = Wire<RiskDetail>;
export type RiskRow = Wire<RiskRowView>;
export type HeatMap = Wire<HeatMapView>;
export type Appointment = Wire<AppointmentView>;
export type RoleCatalogue = Wire<Catalogue>;
export type RoleDetail = Wire<RoleDetailView>;
export type SmsRole = Wire<SmsRoleView>;
export type SmsProcess = Wire<SmsProcessView>;
export type Gap = Wire<GapView>;
export type CommunicationEntry = Wire<PlanEntry>;
export type Plan = Wire<PlanView>;
export type Dashboard = Wire<DashboardView>;
export type { PolicyChanges };

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
