import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { klaviyoProfiles } from '@/lib/db/schema';
import type { KlaviyoClient } from '@/lib/integrations/klaviyo/client';
import { writeAudit } from '@/lib/audit/write-audit';
import { queueKlaviyoSync } from '@/lib/projection/apply-issue-signals';
import { loadSuppression } from '@/lib/klaviyo-sync/set-suppression';

export interface KlaviyoDrift {
  email: string;
  concord: boolean; // what Concord's state says now
  klaviyo: boolean | null; // what the profile says (null: no profile or no property)
}

export interface KlaviyoReconcileResult {
  checked: number;
  inSync: number;
  drift: KlaviyoDrift[];
  repaired: number;
  stillFlaggedAfterResolution: number; // the weekly question: resolved customers Klaviyo still excludes
}

/**
 * Reads back from Klaviyo every profile Concord has pushed and compares concord_active_issue with
 * the customer's current state. Drift is reported and repaired by queueing a state-based sync.
 */
export async function reconcileKlaviyo(
  db: Db,
  klaviyo: Pick<KlaviyoClient, 'getProfileByEmail'>,
  shopId: string,
  now: Date,
  opts: { repair?: boolean; limit?: number } = {},
): Promise<KlaviyoReconcileResult> {
  const rows = await db
    .select()
    .from(klaviyoProfiles)
    .where(eq(klaviyoProfiles.shopId, shopId))
    .limit(opts.limit ?? 5000);
  const result: KlaviyoReconcileResult = { checked: 0, inSync: 0, drift: [], repaired: 0, stillFlaggedAfterResolution: 0 };
  for (const row of rows) {
    const state = await loadSuppression(db, shopId, row.customerEmail, now);
    const profile = await klaviyo.getProfileByEmail(row.customerEmail);
    const flag = profile?.properties.concord_active_issue;
    const klaviyoFlag = typeof flag === 'boolean' ? flag : null;
    result.checked++;
    if (klaviyoFlag === state.suppressed) {
      result.inSync++;
      continue;
    }
    result.drift.push({ email: row.customerEmail, concord: state.suppressed, klaviyo: klaviyoFlag });
    if (!state.suppressed && klaviyoFlag === true) result.stillFlaggedAfterResolution++;
    if (opts.repair !== false) {
      await db.transaction(async (tx) => {
        await queueKlaviyoSync(tx, shopId, row.customerEmail);
        await tx
          .update(klaviyoProfiles)
          .set({ suppressed: state.suppressed })
          .where(and(eq(klaviyoProfiles.shopId, shopId), eq(klaviyoProfiles.customerEmail, row.customerEmail)));
      });
      result.repaired++;
    }
  }
  await writeAudit(db, {
    shopId,
    actor: { type: 'system' },
    action: 'klaviyo.reconciled',
    explanation: `Checked ${result.checked} Klaviyo profiles: ${result.inSync} in sync, ${result.drift.length} drifted (${result.stillFlaggedAfterResolution} still flagged after their issues were resolved)${result.repaired ? `; queued ${result.repaired} repairs` : ''}.`,
    after: {
      checked: result.checked,
      drift: result.drift.length,
      repaired: result.repaired,
      stillFlaggedAfterResolution: result.stillFlaggedAfterResolution,
    },
  });
  return result;
}
