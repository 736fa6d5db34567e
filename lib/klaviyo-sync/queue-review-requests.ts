import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/rows';
import { reviewEligibility } from '@/lib/domain/klaviyo-signals';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { getSettings } from '@/lib/settings/settings-store';

/**
 * Orders delivered cleanly N days ago become review-eligible, once per order (the effect's
 * idempotency key and the event's unique_id). Runs with the delay scan: eligibility arrives with
 * time, not with a webhook.
 */
export async function queueReviewRequests(db: Db, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const rows = rowsOf<{
    shop_id: string;
    order_id: string;
    name: string;
    email: string;
    delivered_at: Date | string;
    had_issue: boolean;
    open_issue: boolean;
  }>(
    await db.execute(sql`
      select o.shop_id, o.shopify_order_id as order_id, o.name, o.email,
        max(coalesce(f.delivered_at,
          (select max(e.happened_at) from tracking_events e where e.shop_id = f.shop_id and e.fulfillment_id = f.shopify_fulfillment_id and e.status = 'delivered'),
          f.shipment_status_at, f.shopify_updated_at)) as delivered_at,
        exists (select 1 from issues i where i.shop_id = o.shop_id and i.order_id = o.shopify_order_id) as had_issue,
        exists (select 1 from issues i where i.shop_id = o.shop_id and i.customer_email = o.email and i.status = 'open') as open_issue
      from orders o join fulfillments f on f.shop_id = o.shop_id and f.order_id = o.shopify_order_id and f.status not in ('cancelled', 'error', 'failure')
      where o.cancelled_at is null and o.email is not null and o.shopify_created_at > ${since.toISOString()}::timestamptz
      group by o.shop_id, o.shopify_order_id, o.name, o.email
      having bool_and(f.health_state = 'delivered')`),
  );
  let queued = 0;
  const days = new Map<string, number>();
  for (const r of rows) {
    if (!days.has(r.shop_id)) days.set(r.shop_id, (await getSettings(db, r.shop_id)).review.daysAfterDelivery);
    const deliveredAt = new Date(r.delivered_at);
    const verdict = reviewEligibility({
      deliveredAt,
      now,
      daysAfterDelivery: days.get(r.shop_id)!,
      orderHadIssue: r.had_issue,
      customerHasOpenIssue: r.open_issue,
    });
    if (!verdict.eligible) continue;
    const fresh = await enqueueEffect(db, {
      shopId: r.shop_id,
      kind: 'klaviyo.review_eligible',
      payload: { email: r.email, orderId: r.order_id, orderName: r.name, deliveredAt: deliveredAt.toISOString(), at: now.toISOString() },
      idempotencyKey: `klaviyo-review:${r.shop_id}:${r.order_id}`,
      serialKey: `klaviyo:${r.shop_id}:${r.email}`,
    });
    if (fresh) queued++;
  }
  return queued;
}
