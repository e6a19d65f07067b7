import { sql } from 'drizzle-orm';
import { type Language, languages } from '../../kernel/auth/users.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { presentContext, presentScope } from '../context/index.ts';
import { listObjectives } from '../objectives/index.ts';
import { listRisks } from '../risks/index.ts';
import { listProcesses, roleCatalogue } from '../roles/index.ts';
import type { PlanNotes } from './shapes.ts';

const headings: Record<string, Record<Language, string>> = {
  introduction: { en: 'Purpose of this plan', nl: 'Doel van dit plan', da: 'Formålet med planen' },
  scope: { en: 'Scope and context', nl: 'Scope en context', da: 'Omfang og kontekst' },
  objectives: {
    en: 'Service management objectives',
    nl: 'Servicemanagementdoelstellingen',
    da: 'Servicestyringsmål',
  },
  requirements: { en: 'Service requirements', nl: 'Service-eisen', da: 'Krav til ydelserne' },
  limitations: { en: 'Known limitations', nl: 'Bekende beperkingen', da: 'Kendte begrænsninger' },
  obligations: {
    en: 'Obligations, policies and other parties',
    nl: 'Verplichtingen, beleid en andere partijen',
    da: 'Forpligtelser, politikker og andre parter',
  },
  authorities: {
    en: 'Authorities and responsibilities',
    nl: 'Bevoegdheden en verantwoordelijkheden',
    da: 'Beføjelser og ansvar',
  },
  resources: { en: 'Resources', nl: 'Middelen', da: 'Ressourcer' },
  technology: { en: 'Technology', nl: 'Technologie', da: 'Teknologi' },
  risks: {
    en: 'Risks above the acceptable level',
    nl: 'Risico’s boven het aanvaardbare niveau',
    da: 'Risici over det acceptable niveau',
  },
  improvement: {
    en: 'How the SMS is measured, audited, reviewed and improved',
    nl: 'Hoe het SMS wordt gemeten, geaudit, beoordeeld en verbeterd',
    da: 'Hvordan SMS’et måles, auditeres, evalueres og forbedres',
  },
  none: { en: 'None recorded.', nl: 'Niets vastgelegd.', da: 'Intet registreret.' },
  climateYes: {
    en: 'Climate change is a relevant issue',
    nl: 'Klimaatverandering is een relevant vraagstuk',
    da: 'Klimaforandringer er et relevant forhold',
  },
  climateNo: {
    en: 'Climate change is not a relevant issue',
    nl: 'Klimaatverandering is geen relevant vraagstuk',
    da: 'Klimaforandringer er ikke et relevant forhold',
  },
};

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const paras = (text: string | undefined) =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
const list = (items: string[], none: string) =>
  items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : `<p><i>${none}</i></p>`;

/**
 * The service management plan (6.3) as HTML in the plan's language: the author's own text where only they can
 * say it, and everything else from the records as they stand — scope, objectives, service requirements,
 * obligations, roles and authorities, processes and their KPIs, risks, the communication plan.
 */
export async function assemblePlan(db: Queryable, language: string, notes: PlanNotes) {
  const lang: Language = languages.find((l) => l === language) ?? 'en';
  const h = (key: string) => headings[key]![lang];
  let n = 0;
  const section = (key: string, body: string) => `<h2>${++n}. ${esc(h(key))}</h2>${body}`;
  const none = h('none');

  const scope = await presentScope(db);
  const context = await presentContext(db);
  const objectives = await listObjectives(db);
  const services = await db.execute<{ name: string; requirements: string; hours: string }>(sql`
    select c.name, s.requirements, s.hours_of_service as hours from services s join cis c on c.id = s.ci_id
     where s.id = any(${sql.param(scope.current?.serviceIds ?? [])}::uuid[]) order by c.name`);
  const policies = await db.execute<{ identifier: string; title: string; number: number }>(sql`
    select p.identifier, p.title, v.number from policies p join policy_versions v on v.policy_id = p.id
     where v.state = 'published' and p.kind <> 'plan' order by p.identifier`);
  const { items: roles } = await roleCatalogue(db);
  const processes = await listProcesses(db);
  const resources = await db.execute<{ resources: string; code: string }>(sql`
    select a.resources, o.code from objective_actions a join objectives o on o.id = a.objective_id
     where a.resources <> '' and a.done_at is null order by o.code`);
  const technology = await db.execute<{ name: string; n: number }>(sql`
    select coalesce(k.names->>${lang}, k.names->>'en', k.key) as name, count(*)::int as n
      from cis c join ci_classes k on k.key = c.class_key
     where c.status <> 'retired' group by 1 order by n desc, 1 limit 15`);
  const risks = (await listRisks(db, { kind: 'risk', status: 'open' })).filter((r) => r.high);
  const communication = await db.execute<{ subject: string; audience: string; frequency: string }>(sql`
    select subject, audience, frequency from communication_entries where active order by subject`);

  const s = scope.current;
  const parts = [
    notes.introduction?.trim() ? section('introduction', paras(notes.introduction)) : '',
    section(
      'scope',
      s
        ? `<p>${esc(s.statement)}</p>${list(
            [
              ...s.units.map(esc),
              ...s.locations.map(esc),
              `${esc(s.climateRelevant ? h('climateYes') : h('climateNo'))}: ${esc(s.climateReasoning)}`,
            ],
            none,
          )}${list(
            context.issues
              .filter((i) => i.status === 'open')
              .map((i) => `<b>${esc(i.title)}</b> — ${esc(i.effect)}`),
            none,
          )}`
        : `<p><i>${none}</i></p>`,
    ),
    section(
      'objectives',
      list(
        objectives.map(
          (o) =>
            `<b>${esc(o.code)} ${esc(o.title)}</b>: ${o.direction === 'at_least' ? '≥' : '≤'} ${esc(o.target)}${esc(o.unit === '%' ? '%' : ` ${o.unit}`)} ${o.deadline ? `(${esc(o.deadline.slice(0, 10))})` : ''} — ${esc(o.businessGoal)}`,
        ),
        none,
      ),
    ),
    section(
      'requirements',
      list(
        services.rows.map(
          (x) =>
            `<b>${esc(x.name)}</b>${x.hours ? ` (${esc(x.hours)})` : ''}${x.requirements ? `: ${esc(x.requirements)}` : ''}`,
        ),
        none,
      ),
    ),
    section('limitations', paras(notes.limitations) || `<p><i>${none}</i></p>`),
    section(
      'obligations',
      list(
        policies.rows.map((p) => `${esc(p.identifier)} ${esc(p.title)} (v${p.number})`),
        none,
      ) +
        list(
          context.parties.map(
            (p) =>
              `<b>${esc(p.name)}</b>: ${esc(p.requirements)}${p.howAddressed ? ` — ${esc(p.howAddressed)}` : ''}`,
          ),
          none,
        ),
    ),
    section(
      'authorities',
      list(
        roles.map((r) => {
          const holders = r.holders
            .filter((a) => a.state === 'current')
            .map((a) => `${esc(a.userName)}${a.deputyName ? ` (${esc(a.deputyName)})` : ''}`)
            .join(', ');
          return `<b>${esc(r.name)}</b>: ${holders || '—'}${r.responsibilities.length ? `. ${esc(r.responsibilities.join('; '))}` : ''}`;
        }),
        none,
      ) +
        list(
          processes.map(
            (p) =>
              `<b>${esc(p.name)}</b>: ${esc(p.ownerName ?? '—')}${p.criteria ? ` — ${esc(p.criteria)}` : ''}`,
          ),
          none,
        ),
    ),
    section(
      'resources',
      paras(notes.resources) +
        list(
          resources.rows.map((r) => `${esc(r.code)}: ${esc(r.resources)}`),
          none,
        ),
    ),
    section(
      'technology',
      paras(notes.technology) +
        list(
          technology.rows.map((t) => `${esc(t.name)}: ${t.n}`),
          none,
        ),
    ),
    section(
      'risks',
      list(
        risks.map((r) => `${esc(r.code)} ${esc(r.title)} (${r.residual.score})`),
        none,
      ),
    ),
    section(
      'improvement',
      paras(notes.improvement) +
        list(
          processes
            .filter((p) => p.kpis.length)
            .map((p) => `<b>${esc(p.name)}</b>: ${esc(p.kpis.join(', '))}`),
          none,
        ) +
        list(
          communication.rows.map((c) => `${esc(c.subject)} → ${esc(c.audience)} (${esc(c.frequency)})`),
          none,
        ),
    ),
  ];
  return parts.join('');
}

/** The plan document (a policy of kind `plan`), if there is one, with the author's notes of its newest version. */
export async function planOf(db: Queryable) {
  const res = await db.execute<{ id: string; notes: PlanNotes | null; language: string }>(sql`
    select p.id, p.language,
           (select v.notes from policy_versions v where v.policy_id = p.id order by v.number desc limit 1) as notes
      from policies p where p.kind = 'plan' limit 1`);
  const row = res.rows[0];
  return { policyId: row?.id ?? null, notes: row?.notes ?? {}, language: row?.language ?? 'en' };
}
