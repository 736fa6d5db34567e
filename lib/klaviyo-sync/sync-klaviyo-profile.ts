import { and, eq, inArray, sql } from 'drizzle-orm';
import { mergeKlaviyoProperties } from '@/lib/domain/klaviyo-merge';
import type { Db } from '@/lib/db/client';
import { customers, klaviyoProfiles } from '@/lib/db/schema';
import { klaviyoProfileProperties } from '@/lib/domain/suppression';
import { isVip } from '@/lib/domain/vip';
import type { KlaviyoClient } from '@/lib/integrations/klaviyo/client';
import { customerFromRow } from '@/lib/ticket-context/row-mappers';
import { getSettings } from '@/lib/settings/settings-store';
import { writeAudit } from '@/lib/audit/write-audit';
import { loadSuppression } from '@/lib/klaviyo-sync/set-suppression';

const ISSUE_OPENED_METRIC = 'Concord Issue Opened';
const ISSUE_RESOLVED_METRIC = 'Concord Issue Resolved';

/** The Klaviyo profile properties Concord would push for a customer right now. */
async function currentKlaviyoProperties(db: Db, shopId: string, email: string, now: Date) {
  const state = await loadSuppression(db, shopId, email, now);
  const [customerRow] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.shopId, shopId), sql`(${customers.email} = ${email} or ${customers.emails} @> array[${email}]::text[])`))
    .limit(1);
  const settings = await getSettings(db, shopId);
  const vip = customerRow ? isVip(customerFromRow(customerRow), settings) : false;
  // Not while something is open: the review flow must not ask a customer with a problem.
  const properties = { ...klaviyoProfileProperties(state, { vip }), ...(state.suppressed ? { concord_review_eligible: false } : {}) };
  return { state, properties, externalId: customerRow ? `shopify:${customerRow.shopifyCustomerId}` : undefined };
}

/**
 * State-based sync: push the customer's current suppression state, whatever caused the sync.
 * Effects for one customer run one at a time (serial key), so an older state can't land last.
 */
export async function syncKlaviyoProfile(
  db: Db,
  klaviyo: KlaviyoClient,
  shopId: string,
  email: string,
  now: Date,
  opts: { accountShopIds?: string[] } = {},
) {
  const own = await currentKlaviyoProperties(db, shopId, email, now);
  const { state } = own;
  // Other stores of the same Klaviyo account share this email's one profile: push the merged state
  // (lib/domain/klaviyo-merge.ts). Their Shopify customer ids differ, so no external_id is sent then.
  const siblings = (opts.accountShopIds ?? []).filter((s) => s !== shopId);
  const others = await Promise.all(siblings.map((s) => currentKlaviyoProperties(db, s, email, now)));
  const properties = mergeKlaviyoProperties([own.properties, ...others.map((o) => o.properties)]);
  const externalId = siblings.length === 0 ? own.externalId : undefined;
  const suppressed = properties.concord_active_issue === true;
  const profile = await klaviyo.upsertProfile({ email, externalId, properties });
  await db.transaction(async (tx) => {
    await tx
      .insert(klaviyoProfiles)
      .values({ shopId, customerEmail: email, klaviyoProfileId: profile.id, pushedProperties: properties, pushedAt: now, suppressed })
      .onConflictDoUpdate({
        target: [klaviyoProfiles.shopId, klaviyoProfiles.customerEmail],
        set: { klaviyoProfileId: profile.id, pushedProperties: properties, pushedAt: now, suppressed },
      });
    // The siblings' record of what Klaviyo holds changed too.
    if (siblings.length > 0) {
      await tx
        .update(klaviyoProfiles)
        .set({ klaviyoProfileId: profile.id, pushedProperties: properties, pushedAt: now, suppressed })
        .where(and(inArray(klaviyoProfiles.shopId, siblings), eq(klaviyoProfiles.customerEmail, email)));
    }
    await writeAudit(tx, {
      shopId,
      actor: { type: 'system' },
      action: 'klaviyo.profile_synced',
      subjectType: 'customer',
      subjectId: email,
      customerEmail: email,
      explanation: suppressed
        ? `Klaviyo: ${email} flagged concord_active_issue=true (${state.suppressed ? state.because.join('; ') : 'an issue open at another store of this Klaviyo account'}), so promo and review flows skip them.`
        : `Klaviyo: ${email} flagged concord_active_issue=false: no open issue, promos and review requests may resume.`,
      after: properties,
    });
  });
  return { profileId: profile.id, properties };
}

export interface IssueEventPayload {
  email: string;
  issueKey: string;
  kind: string;
  verb: 'opened' | 'resolved';
  at: string;
  orderId: string | null;
  ticketId: string | null;
  reason: string;
}

/** Issue events carry a stable unique_id, so a replayed effect is ignored by Klaviyo. */
export async function sendKlaviyoIssueEvent(klaviyo: KlaviyoClient, p: IssueEventPayload) {
  const uniqueId = `${p.issueKey}:${p.verb}:${p.at}`;
  await klaviyo.createEvent({
    metric: p.verb === 'opened' ? ISSUE_OPENED_METRIC : ISSUE_RESOLVED_METRIC,
    email: p.email,
    uniqueId,
    time: p.at,
    properties: { issue_key: p.issueKey, issue_type: p.kind, reason: p.reason, order_id: p.orderId, ticket_id: p.ticketId },
  });
  return { uniqueId };
}
