import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { unsentReplies } from '@/lib/db/schema';

// The agent's unsent text for a ticket, kept server side so a reload, a second tab or another
// device finds it again. Cleared when the reply is sent or the agent takes a new draft.

export interface UnsentReply {
  text: string;
  baseDraftId: number | null;
  updatedBy: string | null;
  updatedAt: Date;
}

type Key = { shopId: string; ticketId: string };
const where = (k: Key) => and(eq(unsentReplies.shopId, k.shopId), eq(unsentReplies.ticketId, k.ticketId));

export async function getUnsentReply(db: Db, key: Key): Promise<UnsentReply | null> {
  const [row] = await db.select().from(unsentReplies).where(where(key)).limit(1);
  return row ? { text: row.text, baseDraftId: row.baseDraftId, updatedBy: row.updatedBy, updatedAt: row.updatedAt } : null;
}

export async function saveUnsentReply(
  db: Db,
  key: Key,
  input: { text: string; baseDraftId: number | null; agent: string | null },
  now: Date,
): Promise<UnsentReply> {
  const values = { text: input.text, baseDraftId: input.baseDraftId, updatedBy: input.agent, updatedAt: now };
  await db
    .insert(unsentReplies)
    .values({ ...key, ...values })
    .onConflictDoUpdate({ target: [unsentReplies.shopId, unsentReplies.ticketId], set: values });
  return values;
}

export async function clearUnsentReply(db: Pick<Db, 'delete'>, key: Key): Promise<void> {
  await db.delete(unsentReplies).where(where(key));
}
