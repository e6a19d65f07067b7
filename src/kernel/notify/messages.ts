/**
 * Notification texts in Keel's three languages. A notification is written in its recipient's language when
 * it is created, so lists (and, later, e-mails) show it as it was said.
 */
type Templates = Record<'en' | 'nl' | 'da', string>;

export const messages = {
  'sla.warned': {
    en: '{number}: the {metric} target is nearly used up (due {due}).',
    nl: '{number}: de {metric}-norm is bijna verbruikt (uiterlijk {due}).',
    da: '{number}: {metric}-målet er næsten opbrugt (senest {due}).',
  },
  'sla.breached': {
    en: '{number}: the {metric} target was missed.',
    nl: '{number}: de {metric}-norm is overschreden.',
    da: '{number}: {metric}-målet er overskredet.',
  },
  'incident.assigned': {
    en: '{number} was assigned to you: {title}',
    nl: '{number} is aan u toegewezen: {title}',
    da: '{number} er tildelt dig: {title}',
  },
  'incident.group_assigned': {
    en: '{number} was assigned to {group}: {title}',
    nl: '{number} is toegewezen aan {group}: {title}',
    da: '{number} er tildelt {group}: {title}',
  },
  'incident.escalated': {
    en: '{number} was escalated to level {level}: {reason}',
    nl: '{number} is geëscaleerd naar niveau {level}: {reason}',
    da: '{number} er eskaleret til niveau {level}: {reason}',
  },
  'major.declared': {
    en: 'Major incident {number}: {title}',
    nl: 'Major incident {number}: {title}',
    da: 'Større hændelse {number}: {title}',
  },
  'major.possible': {
    en: 'Possible major incident: {count} incidents on {service} within {minutes} minutes.',
    nl: 'Mogelijk major incident: {count} incidenten op {service} binnen {minutes} minuten.',
    da: 'Mulig større hændelse: {count} hændelser på {service} inden for {minutes} minutter.',
  },
  'major.update_due': {
    en: 'Major incident {number}: an update to the communications log is due.',
    nl: 'Major incident {number}: een nieuwe update in het communicatielog is nodig.',
    da: 'Større hændelse {number}: en opdatering af kommunikationsloggen er forfalden.',
  },
  'request.approval_needed': {
    en: '{number} needs your approval: {title}',
    nl: '{number} wacht op uw goedkeuring: {title}',
    da: '{number} afventer din godkendelse: {title}',
  },
  'request.approved': {
    en: '{number} was approved and is being fulfilled: {title}',
    nl: '{number} is goedgekeurd en wordt uitgevoerd: {title}',
    da: '{number} er godkendt og bliver udført: {title}',
  },
  'request.rejected': {
    en: '{number} was not approved: {title}',
    nl: '{number} is niet goedgekeurd: {title}',
    da: '{number} blev ikke godkendt: {title}',
  },
  'request.fulfilled': {
    en: '{number} is done. Please confirm and rate it: {title}',
    nl: '{number} is uitgevoerd. Bevestig en beoordeel het alstublieft: {title}',
    da: '{number} er udført. Bekræft og bedøm den venligst: {title}',
  },
  'incident.received': {
    en: 'We have recorded your incident as {number}: {title}',
    nl: 'Uw incident is geregistreerd als {number}: {title}',
    da: 'Din hændelse er registreret som {number}: {title}',
  },
  'incident.resolved': {
    en: '{number} was resolved: {resolution}. Please confirm the solution or tell us it is not solved.',
    nl: '{number} is opgelost: {resolution}. Bevestig de oplossing of laat ons weten dat het niet is opgelost.',
    da: '{number} er løst: {resolution}. Bekræft løsningen, eller fortæl os, at den ikke er løst.',
  },
  'item.commented': {
    en: '{author} wrote on {number} ({title}): {excerpt}',
    nl: '{author} schreef bij {number} ({title}): {excerpt}',
    da: '{author} skrev på {number} ({title}): {excerpt}',
  },
  'policy.published': {
    en: 'Please read and acknowledge {identifier} {title} (version {version}).',
    nl: 'Lees en bevestig {identifier} {title} (versie {version}).',
    da: 'Læs og bekræft {identifier} {title} (version {version}).',
  },
  'policy.reminder': {
    en: 'Reminder: you have not yet acknowledged {identifier} {title} (version {version}).',
    nl: 'Herinnering: u hebt {identifier} {title} (versie {version}) nog niet bevestigd.',
    da: 'Påmindelse: du har endnu ikke bekræftet {identifier} {title} (version {version}).',
  },
  'policy.review_needed': {
    en: '{identifier} {title} needs your approval (version {version}).',
    nl: '{identifier} {title} wacht op uw goedkeuring (versie {version}).',
    da: '{identifier} {title} afventer din godkendelse (version {version}).',
  },
  'policy.approved': {
    en: '{identifier} {title} version {version} was approved and can be published. {comment}',
    nl: '{identifier} {title} versie {version} is goedgekeurd en kan worden gepubliceerd. {comment}',
    da: '{identifier} {title} version {version} er godkendt og kan offentliggøres. {comment}',
  },
  'policy.rejected': {
    en: '{identifier} {title} version {version} was sent back: {comment}',
    nl: '{identifier} {title} versie {version} is teruggestuurd: {comment}',
    da: '{identifier} {title} version {version} er sendt tilbage: {comment}',
  },
  'policy.review_due': {
    en: '{identifier} {title} is due for its review (version {version} was published {published}).',
    nl: '{identifier} {title} moet worden herzien (versie {version} is gepubliceerd op {published}).',
    da: '{identifier} {title} skal gennemgås (version {version} blev offentliggjort {published}).',
  },
  // knowledge (modules/knowledge): review, approval and stale articles
  'knowledge.review_needed': {
    en: 'Article {number} version {version} awaits your review: {title}',
    nl: 'Artikel {number} versie {version} wacht op uw beoordeling: {title}',
    da: 'Artikel {number} version {version} afventer din gennemgang: {title}',
  },
  'knowledge.approved': {
    en: 'Article {number} version {version} was approved and published: {title}',
    nl: 'Artikel {number} versie {version} is goedgekeurd en gepubliceerd: {title}',
    da: 'Artikel {number} version {version} er godkendt og offentliggjort: {title}',
  },
  'knowledge.returned': {
    en: 'Article {number} version {version} was returned to you: {note}',
    nl: 'Artikel {number} versie {version} is aan u teruggestuurd: {note}',
    da: 'Artikel {number} version {version} er sendt tilbage til dig: {note}',
  },
  'knowledge.stale': {
    en: 'Article {number} was due for review on {reviewBy}: check it is still right. {title}',
    nl: 'Artikel {number} moest op {reviewBy} worden herzien: controleer of het nog klopt. {title}',
    da: 'Artikel {number} skulle gennemgås {reviewBy}: kontrollér at den stadig er korrekt. {title}',
  },
  'communication.due': {
    en: 'Communication due {due}: {subject} to {audience} ({channel}).',
    nl: 'Communicatie gepland voor {due}: {subject} aan {audience} ({channel}).',
    da: 'Kommunikation planlagt til {due}: {subject} til {audience} ({channel}).',
  },
  'risk.review_due': {
    en: '{code} {title} is due for its review ({due}).',
    nl: '{code} {title} moet worden herzien ({due}).',
    da: '{code} {title} skal gennemgås ({due}).',
  },
  'appointment.made': {
    en: 'You have been appointed {role} from {from}.',
    nl: 'U bent benoemd tot {role} vanaf {from}.',
    da: 'Du er udnævnt som {role} fra {from}.',
  },
  'appointment.deputy': {
    en: 'You are the deputy for the role {role} (from {from}); you act for its holder while they are away.',
    nl: 'U bent plaatsvervanger voor de rol {role} (vanaf {from}); u treedt op voor de houder bij afwezigheid.',
    da: 'Du er stedfortræder for rollen {role} (fra {from}); du handler for indehaveren under fravær.',
  },
  'nonconformity.raised': {
    en: 'Nonconformity {number} ({severity|severity}) is yours to answer: {title}',
    nl: 'Afwijking {number} ({severity|severity}) is aan u om te beantwoorden: {title}',
    da: 'Afvigelse {number} ({severity|severity}) er din at besvare: {title}',
  },
  'nonconformity.action_overdue': {
    en: 'Corrective action of {number} is overdue (due {due}, {responsible}): {action}',
    nl: 'Corrigerende maatregel van {number} is te laat (uiterlijk {due}, {responsible}): {action}',
    da: 'Korrigerende handling for {number} er forsinket (senest {due}, {responsible}): {action}',
  },
  'nonconformity.effectiveness_due': {
    en: 'The effectiveness of the corrective actions of {number} is due to be checked ({due}): {title}',
    nl: 'De doeltreffendheid van de corrigerende maatregelen van {number} moet worden gecontroleerd ({due}): {title}',
    da: 'Effektiviteten af de korrigerende handlinger for {number} skal kontrolleres ({due}): {title}',
  },
  'task.assigned': {
    en: 'New task {number} for {group}: {title}',
    nl: 'Nieuwe taak {number} voor {group}: {title}',
    da: 'Ny opgave {number} til {group}: {title}',
  },
  'change.submitted': {
    en: 'Change {number} ({kind}, {risk} risk) awaits assessment: {title}',
    nl: 'Wijziging {number} ({kind}, risico {risk}) wacht op beoordeling: {title}',
    da: 'Ændring {number} ({kind}, {risk} risiko) afventer vurdering: {title}',
  },
  'change.approved': {
    en: 'Change {number} was approved: {title}',
    nl: 'Wijziging {number} is goedgekeurd: {title}',
    da: 'Ændring {number} er godkendt: {title}',
  },
  'change.rejected': {
    en: 'Change {number} was rejected ({reason}): {title}',
    nl: 'Wijziging {number} is afgewezen ({reason}): {title}',
    da: 'Ændring {number} er afvist ({reason}): {title}',
  },
  'problem.recorded': {
    en: 'Problem {number} was recorded from {source}: {title}',
    nl: 'Probleem {number} is vastgelegd vanuit {source}: {title}',
    da: 'Problem {number} er registreret ud fra {source}: {title}',
  },
  'problem.candidate': {
    en: 'Possible problem: {count} similar incidents on {scope} ({title}).',
    nl: 'Mogelijk probleem: {count} vergelijkbare incidenten op {scope} ({title}).',
    da: 'Muligt problem: {count} lignende hændelser på {scope} ({title}).',
  },
  'problem.fix_closed': {
    en: 'The fix for problem {number} is in: change {change} was closed. Resolve the problem? {title}',
    nl: 'De oplossing voor probleem {number} is doorgevoerd: wijziging {change} is gesloten. Probleem oplossen? {title}',
    da: 'Rettelsen til problem {number} er gennemført: ændring {change} er lukket. Løs problemet? {title}',
  },
  'review.reminder': {
    en: 'Management review {code} meets on {meetingOn}: {title}. Its inputs are ready to prepare.',
    nl: 'Directiebeoordeling {code} vindt plaats op {meetingOn}: {title}. De input staat klaar om voor te bereiden.',
    da: 'Ledelsens evaluering {code} holdes {meetingOn}: {title}. Input er klar til forberedelse.',
  },
  'review.due': {
    en: 'The next management review is due by {due} (the last, {last}, met on {lastHeld}) and none is planned yet.',
    nl: 'De volgende directiebeoordeling moet uiterlijk {due} plaatsvinden (de vorige, {last}, was op {lastHeld}) en er is er nog geen gepland.',
    da: 'Den næste ledelsesevaluering skal holdes senest {due} (den seneste, {last}, blev holdt {lastHeld}), og ingen er planlagt endnu.',
  },
  'report.failed': {
    en: 'The scheduled report {name} for {from} – {to} could not be sent: {error|reportError}',
    nl: 'Het geplande rapport {name} over {from} – {to} kon niet worden verzonden: {error|reportError}',
    da: 'Den planlagte rapport {name} for {from} – {to} kunne ikke sendes: {error|reportError}',
  },
} satisfies Record<string, Templates>;

export type MessageKind = keyof typeof messages;

/**
 * Words a message takes as a code (a nonconformity's severity, 'major') and says in its reader's language:
 * `{severity|severity}` in a template is the `severity` parameter looked up in `terms.severity`. Dutch says
 * majeur/mineur (majeure/mineure afwijking) everywhere, the screens (nl.json) included: one pair, not two.
 */
export const terms: Record<string, Record<string, Templates>> = {
  severity: {
    major: { en: 'major', nl: 'majeur', da: 'større' },
    minor: { en: 'minor', nl: 'mineur', da: 'mindre' },
  },
  // the reports module's generic reasons (reports/commands.ts), by their English words as stored
  reportError: {
    'The report could not be made.': {
      en: 'The report could not be made.',
      nl: 'Het rapport kon niet worden gemaakt.',
      da: 'Rapporten kunne ikke laves.',
    },
    'The report could not be sent.': {
      en: 'The report could not be sent.',
      nl: 'Het rapport kon niet worden verzonden.',
      da: 'Rapporten kunne ikke sendes.',
    },
    'None of its recipients is active any more.': {
      en: 'None of its recipients is active any more.',
      nl: 'Geen van de ontvangers is nog actief.',
      da: 'Ingen af modtagerne er aktive længere.',
    },
  },
};

export function render(kind: MessageKind, language: string, params: Record<string, string>): string {
  const t = messages[kind];
  const lang = (language in t ? language : 'en') as keyof Templates;
  return t[lang].replace(/\{(\w+)(?:\|(\w+))?\}/g, (_, k: string, list?: string) => {
    const v = params[k];
    if (v === undefined) return `{${k}}`;
    return (list && terms[list]?.[v]?.[lang]) || v;
  });
}
