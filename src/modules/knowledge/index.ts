import type { KeelModule } from '../../kernel/http/app.ts';
import { knowledgeRoutes } from './routes.ts';
import { STALE_CHECK_MS, tellStaleOwners } from './stale.ts';

// what other modules and the demo call, and the answers' shapes the web imports as types
export { createArticle, updateArticle } from './commands/articles.ts';
export { countView, giveFeedback, linkArticle, recordDeflection } from './commands/use.ts';
export { transitionVersion } from './commands/versions.ts';
export { type KnowledgeKpiKey, knowledgeKpiKeys, knowledgeKpis } from './kpis.ts';
export {
  type ArticleAudience,
  type ArticleLanguage,
  type ArticleState,
  type ArticleType,
  articleAudiences,
  articleLanguages,
  articleStates,
  articleTypes,
  type VersionState,
  versionStates,
} from './lifecycle.ts';
export { articleApprovers, articleWriters, mayReadArticle } from './policy.ts';
export type {
  ArticleAttachment,
  ArticleInput,
  ArticleLinkRow,
  ArticleList,
  ArticlePatch,
  ArticleRow,
  ArticleSuggestion,
  ArticleVersion,
  ArticleView,
  DeflectionInput,
  DeflectionStats,
} from './shapes.ts';
export { tellStaleOwners } from './stale.ts';

/** Knowledge (ISO/IEC 20000-1 7.6): articles with versions and review, search, suggestions and feedback. */
export const knowledgeModule: KeelModule = {
  name: 'knowledge',
  routes: knowledgeRoutes,
  housekeeping: [{ what: 'telling owners of stale articles', everyMs: STALE_CHECK_MS, run: tellStaleOwners }],
};
