import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { drafts, teachExamples } from '@/lib/db/schema';
import { versionLabel } from '@/lib/domain/draft-review';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit, type Actor } from '@/lib/audit/write-audit';

export interface TeachOutcome {
  taught: boolean;
  changed: boolean;
  msg: string;
}

/**
 * "Teach this": a lead promotes an agent's edit of a draft to an example for that intent's
 * template or prompt. One example per draft; the flag on the draft, the example and the audit
 * entry commit together. Teaching twice changes nothing.
 */
export async function teachDraft(db: Db, draftId: number, actor: Actor, now: Date): Promise<TeachOutcome> {
  return db.transaction(async (tx) => {
    const [draft] = await tx.select().from(drafts).where(eq(drafts.id, draftId)).limit(1).for('update');
    if (!draft) throw new AppError('unknown_draft', `There is no draft ${draftId}.`);
    if (draft.sentText === null)
      throw new AppError('not_sent', `Draft ${draftId} was never sent by an agent, so there is no edit to teach.`);
    const intent = draft.intent ?? 'other';
    const inserted = await tx
      .insert(teachExamples)
      .values({
        shopId: draft.shopId,
        intent,
        draftId,
        draftText: draft.output,
        sentText: draft.sentText,
        createdBy: actor.id ?? actor.type,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: teachExamples.id });
    if (inserted.length === 0 && draft.teach)
      return { taught: true, changed: false, msg: `Draft ${draftId} is already an example; nothing changed.` };
    await tx.update(drafts).set({ teach: true }).where(eq(drafts.id, draftId));
    const version = versionLabel(draft);
    await writeAudit(tx, {
      shopId: draft.shopId,
      actor,
      action: 'draft.taught',
      subjectType: 'draft',
      subjectId: String(draftId),
      ticketId: draft.ticketId,
      explanation: `${actor.id ?? actor.type} kept the agent’s edit of draft ${draftId} (${intent}, ${version}) as an example for future ${intent} drafts.`,
      before: { teach: draft.teach },
      after: { teach: true, intent, version },
      at: now,
    });
    return {
      taught: true,
      changed: true,
      msg: `Saved: the agent’s reply on ticket ${draft.ticketId} is now an example for ${intent} drafts.`,
    };
  });
}

/** Undo "Teach this" (a mis-click): removes the example and the flag, audited. */
export async function unteachDraft(db: Db, draftId: number, actor: Actor, now: Date): Promise<TeachOutcome> {
  return db.transaction(async (tx) => {
    const [draft] = await tx.select().from(drafts).where(eq(drafts.id, draftId)).limit(1).for('update');
    if (!draft) throw new AppError('unknown_draft', `There is no draft ${draftId}.`);
    const removed = await tx.delete(teachExamples).where(eq(teachExamples.draftId, draftId)).returning({ id: teachExamples.id });
    if (removed.length === 0 && !draft.teach)
      return { taught: false, changed: false, msg: `Draft ${draftId} was not an example; nothing changed.` };
    await tx.update(drafts).set({ teach: false }).where(eq(drafts.id, draftId));
    await writeAudit(tx, {
      shopId: draft.shopId,
      actor,
      action: 'draft.untaught',
      subjectType: 'draft',
      subjectId: String(draftId),
      ticketId: draft.ticketId,
      explanation: `${actor.id ?? actor.type} removed draft ${draftId} from the ${draft.intent ?? 'other'} examples.`,
      before: { teach: draft.teach },
      after: { teach: false },
      at: now,
    });
    return { taught: false, changed: true, msg: `Removed: draft ${draftId} is no longer an example.` };
  });
}
