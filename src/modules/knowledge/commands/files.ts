import { eq } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { problems } from '../../../kernel/http/problem.ts';
import type { UploadedFile } from '../../../kernel/http/upload.ts';
import { checkUpload, storeBlob } from '../../../kernel/records/files.ts';
import { articleApprovers, mayRemoveArticleFile } from '../policy.ts';
import { articleFor, attachmentsOf } from '../queries/articles.ts';
import { articleAttachments, articles } from '../schema.ts';

import { mayWrite } from './guards.ts';

/** An article's files: attaching and removing them (docs/knowledge.md). */
export async function attachToArticle(ctx: CommandContext, who: Principal, ref: string, file: UploadedFile) {
  mayWrite(who);
  const a = await articleFor(ctx.tx, who, ref, true);
  const contentType = checkUpload(file.fileName, file.contentType, file.content);
  const sha256 = await storeBlob(ctx.tx, file.content);
  const [f] = await ctx.tx
    .insert(articleAttachments)
    .values({
      articleId: a.id,
      fileName: file.fileName,
      contentType,
      size: file.content.length,
      sha256,
      uploadedBy: who.userId,
    })
    .returning();
  await ctx.tx.update(articles).set({ updatedAt: new Date() }).where(eq(articles.id, a.id));
  await ctx.audit({
    action: 'article.attachment_added',
    recordType: 'article',
    recordId: a.number,
    after: f,
  });
  return f!;
}

/**
 * Removes a file from an article: one readers do not see yet (uploaded since the article's current
 * publication) any writer removes, one of the published version an approver only (`mayRemoveArticleFile`).
 * The bytes stay in the shared content-addressed store, as they do for work items' files: another file, of
 * an article or a work item, may hold the same ones, and the audit entry names them by their SHA-256.
 */
export async function removeArticleAttachment(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  attachmentId: string,
) {
  mayWrite(who);
  // the article's row is locked (as approving and attaching lock it), so no approval publishes the file
  // between the check below and its removal
  const a = await articleFor(ctx.tx, who, ref, true);
  const [f] = await attachmentsOf(ctx.tx, who, a.id, attachmentId);
  if (!f) throw problems.notFound(`Attachment ${attachmentId}`);
  if (!mayRemoveArticleFile(who, f))
    throw problems.forbidden(
      `${f.fileName} is part of ${a.number}'s published version: readers see it, and removing it changes what they read without a new version, so it is removed by ${articleApprovers.join(' or ')}.`,
    );
  await ctx.tx.delete(articleAttachments).where(eq(articleAttachments.id, f.id));
  await ctx.tx.update(articles).set({ updatedAt: new Date() }).where(eq(articles.id, a.id));
  await ctx.audit({
    action: 'article.attachment_removed',
    recordType: 'article',
    recordId: a.number,
    before: f,
  });
}
