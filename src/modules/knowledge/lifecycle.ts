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
