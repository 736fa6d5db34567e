import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { outbox } from '@/lib/db/schema';

// Reads of the outbox table the projection needs (writes go through lib/outbox/enqueue.ts).

/** Of these serial keys, the ones with a pending effect of this kind, in one statement. */
export async function findPendingSerialKeys(db: Db, kind: string, serialKeys: string[]): Promise<Set<string>> {
  const unique = [...new Set(serialKeys)];
  if (unique.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ serialKey: outbox.serialKey })
    .from(outbox)
    .where(and(inArray(outbox.serialKey, unique), eq(outbox.kind, kind), eq(outbox.status, 'pending')));
  return new Set(rows.map((r) => r.serialKey!));
}
