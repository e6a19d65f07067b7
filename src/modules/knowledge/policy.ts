import { holdsAny, internalRoles, type Role, staffRoles, writesAnything } from '../../kernel/access/roles.ts';
import type { ArticleAudience, ArticleState } from './lifecycle.ts';

/**
 * Who may do what with knowledge (ISO/IEC 20000-1 7.6, docs/knowledge.md): the one place each rule is written.
 * The readers' rule is written twice on purpose — here for one article the web and the commands hold, and as
 * SQL in queries.ts (`readableArticleSql`) for every list, search, count and download — and a test holds the
 * two to the same table.
 */
type Who = { userId?: string; roles: readonly string[] };

/** Staff who write drafts, submit them, and propose an article from an incident's resolution. */
export const articleWriters: readonly Role[] = [
  'service_desk_agent',
  'resolver',
  'incident_manager',
  'problem_manager',
  'change_manager',
  'knowledge_manager',
  'process_owner',
  'service_owner',
];

/** Who approves (publishes), returns and retires: a knowledge manager or a process owner. */
export const articleApprovers: readonly Role[] = ['knowledge_manager', 'process_owner'];

/** Who reads drafts, versions and agent-only articles: everyone inside the provider, the auditor too. */
export const articleInsiders: readonly Role[] = internalRoles;

/** Who links articles to work items and sends them in replies: the provider's staff. */
export const articleLinkers: readonly Role[] = staffRoles;

/** "Staff write drafts, submit them and propose articles from resolutions." */
export const mayWriteArticles = (who: Who) => holdsAny(who, articleWriters);

/** "A knowledge manager or a process owner approves, returns and retires." */
export const mayReviewArticles = (who: Who) => holdsAny(who, articleApprovers);

/**
 * "… never their own version": nobody who wrote a version's text approves it — its author (who started it)
 * nor anyone who changed its text since (`contributorIds`, from the article's audit entries).
 */
export const mayApproveVersion = (
  who: Who,
  version: { authorId: string | null; contributorIds?: readonly string[] },
) =>
  mayReviewArticles(who) &&
  !!who.userId &&
  version.authorId !== who.userId &&
  !(version.contributorIds ?? []).includes(who.userId);

/**
 * "Once an article has been published, who reads it is the approvers' decision": its audience, the
 * organisations it is restricted to and a later (or no) expiry are changed by a knowledge manager or process
 * owner only; before its first publication its writers set them (the approval then covers them).
 */
export const mayChangeReaders = (who: Who, article: { publishedVersion: number | null }) =>
  article.publishedVersion === null ? mayWriteArticles(who) : mayReviewArticles(who);

/**
 * "A file readers do not see yet goes with its draft; one they see goes only with an approver": a file
 * uploaded after the article's current publication waits for the next approval like the draft's text, so
 * any writer removes it; a file of the published version (`published`: readers see it) is removed by a
 * knowledge manager or process owner only, as removing it changes what readers see without a new version.
 */
export const mayRemoveArticleFile = (who: Who, file: { published: boolean }) =>
  file.published ? mayReviewArticles(who) : mayWriteArticles(who);

/** "Everyone inside the provider reads drafts and agent articles." */
export const readsAllArticles = (who: Who) => holdsAny(who, articleInsiders);

/** "Staff link articles to work items and insert them into replies." */
export const mayLinkArticles = (who: Who) => holdsAny(who, articleLinkers);

/** The facts of an article its readers' rule looks at. */
export type ArticleReadFacts = {
  state: ArticleState;
  audience: ArticleAudience;
  /** Calendar day (YYYY-MM-DD) after which readers no longer see it, if any. */
  expiresOn: string | null;
  /** For audience `customers`: the organisations it is for (none: every customer). */
  customerIds: readonly string[];
};

/**
 * Who reads an article: everyone inside the provider every article, drafts included; a customer's user a
 * published, unexpired article for everyone, or for customers when no organisations are listed or theirs
 * is; a supplier's contact a published, unexpired article for everyone; nobody else anything. `today` is a
 * calendar day, YYYY-MM-DD (expiry is a day: the article is shown through its last day).
 */
export function mayReadArticle(
  who: Who & { customerId?: string | null },
  a: ArticleReadFacts,
  today: string,
): boolean {
  if (readsAllArticles(who)) return true;
  if (a.state !== 'published' || (a.expiresOn !== null && a.expiresOn < today)) return false;
  if (holdsAny(who, ['customer'])) {
    if (a.audience === 'everyone') return true;
    return (
      a.audience === 'customers' &&
      (a.customerIds.length === 0 || (!!who.customerId && a.customerIds.includes(who.customerId)))
    );
  }
  if (holdsAny(who, ['supplier'])) return a.audience === 'everyone';
  return false;
}

/** "Anyone who may read the article tells whether it helped" (read-only roles excepted: that is a write). */
export const mayGiveFeedback = (who: Who) => writesAnything(who);

/** "A reading counts as a view" for those who may read it, read-only roles (the auditor) excepted. */
export const mayCountView = (who: Who) => writesAnything(who);

/**
 * "The portal records what a customer did after articles were suggested": deflection is the customers'
 * self-help, so only a customer's user records a session (staff trying the portal would skew the rate).
 */
export const mayRecordDeflection = (who: Who) => holdsAny(who, ['customer']);
