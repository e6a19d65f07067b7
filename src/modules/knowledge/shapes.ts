import { z } from 'zod';
import { day } from '../../kernel/http/params.ts';
import {
  articleAudiences,
  articleLanguages,
  articleStates,
  articleTypes,
  suggestionTextMax,
  versionStates,
  versionSteps,
} from './lifecycle.ts';

/** What the knowledge API takes and answers, declared once: routes validate with it, the web reads its types. */

/** An article named by its id (UUID) or its number (KB-000042). */
export const articleRef = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .describe('Article id (UUID) or number, e.g. KB-000042');
export const articleParams = z.object({ id: articleRef });
export const attachmentParams = z.object({
  id: articleRef,
  attachmentId: z.uuid({ error: 'must be an attachment id (UUID)' }),
});
export const versionParams = z.object({
  id: articleRef,
  n: z.coerce.number().int().min(1, { error: 'must be a version number' }).max(100_000),
});

const tag = z.string().trim().min(1).max(40);
const articleFields = {
  type: z.enum(articleTypes),
  audience: z.enum(articleAudiences),
  language: z.enum(articleLanguages),
  customerIds: z
    .array(z.uuid())
    .max(200)
    .describe('For audience customers: the organisations it is for (none: every customer)'),
  translationOf: z.uuid().nullable().describe('The article this one translates'),
  ownerId: z.uuid().nullable().describe('Who keeps it right (told when it is due for review)'),
  tags: z.array(tag).max(30),
  serviceIds: z.array(z.uuid()).max(50),
  reviewBy: day.nullable().describe('Past this day the article is stale and its owner is told'),
  expiresOn: day.nullable().describe('After this day readers no longer see it'),
};
const textFields = {
  title: z.string().trim().min(1, { error: 'is required' }).max(300),
  summary: z.string().trim().max(2000),
  body: z.string().max(200_000).describe('Rich text (HTML); sanitised'),
  changeNote: z.string().trim().max(2000).describe('What changed and why, for the reviewer'),
};

export const articleBody = z.object({
  type: articleFields.type,
  audience: articleFields.audience,
  language: articleFields.language,
  title: textFields.title,
  summary: textFields.summary.optional(),
  body: textFields.body.optional(),
  changeNote: textFields.changeNote.optional(),
  customerIds: articleFields.customerIds.optional(),
  translationOf: articleFields.translationOf.optional(),
  ownerId: articleFields.ownerId.optional(),
  tags: articleFields.tags.optional(),
  serviceIds: articleFields.serviceIds.optional(),
  reviewBy: articleFields.reviewBy.optional(),
  expiresOn: articleFields.expiresOn.optional(),
});

/** A change to an article's fields and/or to the text of its draft (a published article gets a new draft). */
export const articlePatch = z.object({ ...articleFields, ...textFields }).partial();

export const transitionBody = z.object({
  action: z.enum(versionSteps, { error: `must be one of: ${versionSteps.join(', ')}` }),
  note: z.string().trim().max(5000).optional().describe('The reviewer’s note (required to return)'),
});
export const retireBody = z.object({ reason: z.string().trim().max(2000).optional() });
export const feedbackBody = z.object({
  helpful: z.boolean({ error: 'say whether it helped (true) or not (false)' }),
  comment: z.string().trim().max(2000).optional(),
});
export const deflectionBody = z.object({
  query: z.string().trim().max(300).describe('What the person typed when articles were suggested'),
  outcome: z.enum(['deflected', 'reported']),
  articleId: articleRef.optional().describe('The article that answered (for deflected)'),
  workItem: z.string().trim().min(1).max(60).optional().describe('The item reported anyway (for reported)'),
});
export const linkBody = z.object({
  article: articleRef,
  sent: z.boolean().default(false).describe('Inserted into a reply to the requester'),
});
export const draftFromIncidentBody = z.object({
  submit: z.boolean().default(true).describe('Send it for review at once (the default)'),
});

const boolText = z.enum(['true', 'false']).transform((v) => v === 'true');
export const listQuery = z.object({
  q: z.string().trim().max(300).optional().describe('Full-text query (web search syntax)'),
  type: z.enum(articleTypes).optional(),
  audience: z.enum(articleAudiences).optional(),
  state: z.enum(articleStates).optional(),
  serviceId: z.uuid().optional(),
  tag: tag.optional(),
  language: z.enum(articleLanguages).optional(),
  stale: boolText.optional().describe('Only published articles past their review date'),
  review: boolText
    .optional()
    .describe(
      'Staff: only articles whose open version is in review, the longest waiting first (the review queue)',
    ),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export const suggestionsQuery = z.object({
  text: z.string().trim().min(1, { error: 'is required' }).max(suggestionTextMax),
  service: z.uuid().optional().describe('The service the person is reporting about'),
  forItem: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .describe(
      "A work item's number or id: only articles that may go to its requester in a reply (published, and theirs to read)",
    ),
});
export const periodQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], error: 'must not be before from' });

const named = z.object({ id: z.uuid(), name: z.string() });
const articleLink = z.object({
  id: z.uuid(),
  number: z.string(),
  language: z.string(),
  title: z.string(),
});

export const versionShape = z.object({
  number: z.number().int(),
  state: z.enum(versionStates),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  changeNote: z.string(),
  author: named.nullable(),
  submittedAt: z.string().nullable(),
  reviewer: named.nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  steps: z.array(z.enum(versionSteps)).describe('The steps you may take on this version now'),
});

export const attachmentShape = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  published: z
    .boolean()
    .describe(
      "Part of the published version: uploaded by the time it was published, so readers see it (a file uploaded since waits for the next version's approval)",
    ),
  mayRemove: z
    .boolean()
    .describe(
      'Whether you may remove it: a file readers do not see yet, any writer; one of the published version, an approver (knowledge/policy.ts)',
    ),
});

export const articleShape = z.object({
  id: z.uuid(),
  number: z.string(),
  type: z.enum(articleTypes),
  audience: z.enum(articleAudiences),
  language: z.enum(articleLanguages),
  state: z.enum(articleStates),
  title: z.string().describe('The published title (before first publication: the working title)'),
  summary: z.string(),
  body: z.string().describe('The published text (empty before first publication)'),
  publishedVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  translationOf: articleLink.nullable(),
  translations: z.array(articleLink).describe('The other languages of this article you may read'),
  owner: named.nullable(),
  tags: z.array(z.string()),
  services: z.array(named),
  customers: z.array(named).describe('For staff: the organisations it is restricted to'),
  reviewBy: z.string().nullable(),
  expiresOn: z.string().nullable(),
  stale: z.boolean().describe('Published and past its review date'),
  views: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  myFeedback: z.object({ helpful: z.boolean(), comment: z.string() }).nullable(),
  draft: versionShape
    .nullable()
    .describe('For staff: the version being written or reviewed, if any (readers keep the published one)'),
  attachments: z.array(attachmentShape),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().describe('For If-Match on PATCH'),
  abilities: z
    .object({
      edit: z.boolean().describe('Change its fields and write the draft'),
      changeReaders: z
        .boolean()
        .describe(
          'Change who reads it (audience, organisations, a later or no expiry): its writers until it is first published, then the approvers',
        ),
      approve: z.boolean().describe('Approve the version in review (never your own)'),
      return: z.boolean().describe('Send the version in review back'),
      retire: z.boolean(),
      link: z.boolean().describe('Link it to work items and send it in replies'),
      feedback: z.boolean().describe('Say whether it helped'),
    })
    .describe('What you may do with it now, by the rules in knowledge/policy.ts'),
});

export const articleRowShape = z.object({
  id: z.uuid(),
  number: z.string(),
  type: z.enum(articleTypes),
  audience: z.enum(articleAudiences),
  language: z.enum(articleLanguages),
  state: z.enum(articleStates),
  title: z.string(),
  summary: z.string(),
  tags: z.array(z.string()),
  publishedAt: z.string().nullable(),
  reviewBy: z.string().nullable(),
  stale: z.boolean(),
  views: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  updatedAt: z.string(),
  openVersion: z
    .enum(['draft', 'in_review'])
    .nullable()
    .describe('For staff: the state of the version being worked on, if any'),
  rank: z.number().nullable().describe('With q: how well it matched'),
});
export const articleListShape = z.object({
  items: z.array(articleRowShape),
  total: z.number().int(),
  nextOffset: z.number().int().nullable(),
});

export const suggestionShape = z.object({
  items: z
    .array(
      z.object({
        id: z.uuid(),
        number: z.string(),
        type: z.enum(articleTypes),
        language: z.enum(articleLanguages),
        title: z.string(),
        summary: z.string(),
        score: z.number(),
      }),
    )
    .max(5),
});

export const versionsShape = z.object({ items: z.array(versionShape) });
export const feedbackShape = z.object({
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  mine: z.object({ helpful: z.boolean(), comment: z.string() }),
});
export const viewsShape = z.object({ views: z.number().int() });
export const deflectionShape = z.object({
  id: z.uuid(),
  outcome: z.enum(['deflected', 'reported']),
  at: z.string(),
});
export const deflectionStatsShape = z.object({
  from: z.string(),
  to: z.string(),
  sessions: z.number().int(),
  deflected: z.number().int(),
  reported: z.number().int(),
  rate: z.number().nullable().describe('Deflected among sessions, in %; null without sessions'),
  articles: z
    .array(z.object({ id: z.uuid(), number: z.string(), title: z.string(), deflected: z.number().int() }))
    .describe('The articles that answered most often'),
});
export const linkShape = z.object({
  articleId: z.uuid(),
  number: z.string(),
  title: z.string(),
  type: z.enum(articleTypes),
  language: z.enum(articleLanguages),
  state: z.enum(articleStates),
  sent: z.boolean(),
  requesterMayRead: z
    .boolean()
    .describe(
      "Whether it may go to the work item's requester in a reply: published, and an article they may read",
    ),
  linkedAt: z.string(),
  linkedBy: z.string().nullable(),
});
export const linkListShape = z.object({ items: z.array(linkShape) });
export const attachmentListShape = z.object({ items: z.array(attachmentShape) });

export type ArticleInput = z.infer<typeof articleBody>;
export type ArticlePatch = z.infer<typeof articlePatch>;
export type TransitionInput = z.infer<typeof transitionBody>;
export type FeedbackInput = z.infer<typeof feedbackBody>;
export type DeflectionInput = z.infer<typeof deflectionBody>;
export type LinkInput = z.infer<typeof linkBody>;
export type ListQuery = z.infer<typeof listQuery>;
export type ArticleView = z.infer<typeof articleShape>;
export type ArticleRow = z.infer<typeof articleRowShape>;
export type ArticleList = z.infer<typeof articleListShape>;
export type ArticleVersion = z.infer<typeof versionShape>;
export type ArticleSuggestion = z.infer<typeof suggestionShape>['items'][number];
export type ArticleLinkRow = z.infer<typeof linkShape>;
export type ArticleAttachment = z.infer<typeof attachmentShape>;
export type DeflectionStats = z.infer<typeof deflectionStatsShape>;
