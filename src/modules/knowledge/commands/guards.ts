import type { Principal } from '../../../kernel/auth/principal.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { articleApprovers, articleWriters, mayReviewArticles, mayWriteArticles } from '../policy.ts';

/** The refusals every knowledge command starts with: the policy's rules, said as the API's 403. */
export const mayWrite = (who: Principal) => {
  if (!mayWriteArticles(who))
    throw problems.forbidden(`Articles are written by: ${articleWriters.join(', ')}.`);
};
export const mayReview = (who: Principal) => {
  if (!mayReviewArticles(who))
    throw problems.forbidden(
      `Articles are approved, returned and retired by: ${articleApprovers.join(', ')}.`,
    );
};
