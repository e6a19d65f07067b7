/** An article's types, audiences and states (docs/knowledge.md); plain data, so the web app shares them. */
export const articleTypes = ['how_to', 'troubleshooting', 'faq', 'known_error'] as const;
export type ArticleType = (typeof articleTypes)[number];

/** Who reads a published article: agents only, customers (of the organisations listed, or all), everyone. */
export const articleAudiences = ['agents', 'customers', 'everyone'] as const;
export type ArticleAudience = (typeof articleAudiences)[number];

export const articleLanguages = ['en', 'nl', 'da'] as const;
export type ArticleLanguage = (typeof articleLanguages)[number];

/**
 * An article is a draft until its first version is published; published while readers see it; retired
 * when withdrawn (kept for history and links, shown to nobody but staff).
 */
export const articleStates = ['draft', 'published', 'retired'] as const;
export type ArticleState = (typeof articleStates)[number];

/**
 * A version is written (draft), submitted (in_review), then approved — which publishes it and supersedes
 * the version before — or returned to its author (back to draft with the reviewer's note).
 */
export const versionStates = ['draft', 'in_review', 'published', 'superseded'] as const;
export type VersionState = (typeof versionStates)[number];

/** What may be done to a version, and the state it then takes (docs/knowledge.md). */
export const versionSteps = ['submit', 'approve', 'return'] as const;
export type VersionStep = (typeof versionSteps)[number];

/** The version lifecycle as data: from each state, the steps allowed and where they lead. */
export const versionLifecycle: Record<VersionState, Partial<Record<VersionStep, VersionState>>> = {
  draft: { submit: 'in_review' },
  in_review: { approve: 'published', return: 'draft' },
  published: {},
  superseded: {},
};

/** The state a step takes a version to, or null when the step is not allowed from its state. */
export const versionStepFrom = (state: VersionState, step: VersionStep): VersionState | null =>
  versionLifecycle[state][step] ?? null;

/** The versions still being worked on: at most one per article. */
export const openVersionStates: readonly VersionState[] = ['draft', 'in_review'];

/**
 * At most this many characters of text are matched for suggestions (`GET /api/v1/articles/suggestions`):
 * plain data, so the web cuts an incident's text to what the API takes.
 */
export const suggestionTextMax = 300;
