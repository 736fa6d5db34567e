import type { Db } from '@/lib/db/client';
import { upsertCustomer } from '@/lib/db/queries/customers';
import { upsertFulfillment } from '@/lib/db/queries/fulfillments';
import { upsertOrder } from '@/lib/db/queries/orders';
import { insertRefund } from '@/lib/db/queries/refunds';
import { findReturnOrderId, upsertReturn } from '@/lib/db/queries/returns';
import { insertTrackingEvent } from '@/lib/db/queries/tracking-events';
import type { ShopifyEvent } from '@/lib/integrations/shopify/webhook-events';
import { ensureShop } from '@/lib/connections/shops';
import { refreshOrderConsequences } from './refresh-order-consequences';
import { handlePrivacyTopic } from './project-privacy-request';
import { handleAppUninstalled, handleScopesUpdate } from '@/lib/connections/handle-app-webhooks';

/**
 * Applies one Shopify event (parsed once at the edge, lib/integrations/shopify/webhook-events.ts) to
 * the read model. Safe against duplicates and reordering: rows are upserted only when the incoming
 * updated_at is not older than what is stored, and child rows (tracking events, refunds) are insert-once.
 */
export async function projectShopifyEvent(tx: Db, event: ShopifyEvent, now: Date): Promise<void> {
  const shopId = event.shopId;
  await ensureShop(tx, { id: shopId });
  switch (event.type) {
    case 'order.upserted':
    case 'order.cancelled': {
      const { order } = event;
      await upsertOrder(tx, order);
      if (event.customer) await upsertCustomer(tx, event.customer.customer, event.customer.updatedAt);
      for (const f of event.fulfillments) await upsertFulfillment(tx, shopId, f);
      for (const r of event.refunds) await insertRefund(tx, shopId, r);
      await refreshOrderConsequences(tx, shopId, order.id, now, { cause: event.topic });
      return;
    }
    case 'fulfillment.upserted': {
      const f = event.fulfillment;
      await upsertFulfillment(tx, shopId, f);
      await refreshOrderConsequences(tx, shopId, f.orderId, now, { cause: event.topic });
      return;
    }
    case 'tracking_event.created': {
      const e = event.trackingEvent;
      await insertTrackingEvent(tx, shopId, e);
      await refreshOrderConsequences(tx, shopId, e.orderId, now, { cause: event.topic });
      return;
    }
    case 'refund.created': {
      const r = event.refund;
      await insertRefund(tx, shopId, r);
      await refreshOrderConsequences(tx, shopId, r.orderId, now, { cause: event.topic });
      return;
    }
    case 'return.changed': {
      const r = event.return;
      // Some versions' returns/decline name no order: the return we stored earlier knows it.
      const orderId = r.orderId ?? (await findReturnOrderId(tx, shopId, r.id));
      if (!orderId) throw new Error(`${event.topic} for return ${r.id} names no order and the return is not known yet`);
      await upsertReturn(tx, shopId, { ...r, orderId });
      await refreshOrderConsequences(tx, shopId, orderId, now, { cause: event.topic });
      return;
    }
    case 'customer.upserted':
      await upsertCustomer(tx, event.customer.customer, event.customer.updatedAt);
      return;
    case 'privacy.data_requested':
    case 'privacy.customer_redacted':
    case 'privacy.shop_redacted':
      await handlePrivacyTopic(tx, event, now);
      return;
    case 'app.uninstalled':
      // Already applied when the delivery arrived; repeated here in case that step was interrupted.
      await handleAppUninstalled(tx, shopId, event.triggeredAt, now);
      return;
    case 'app.scopes_updated':
      if (event.scopes !== null) await handleScopesUpdate(tx, shopId, { current: event.scopes }, now);
      return;
  }
}
