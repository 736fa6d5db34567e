import type { KlaviyoClient } from './client';

// What an admin creates in Klaviyo once, so Concord's profile properties take effect.
export interface SetupItem {
  kind: 'segment' | 'flow filter' | 'flow';
  name: string;
  definition: string;
  use: string;
}

export const KLAVIYO_SETUP: SetupItem[] = [
  {
    kind: 'segment',
    name: 'Concord: active issue',
    definition: 'Properties about someone → concord_active_issue equals true',
    use: 'Exclude from every promotional campaign.',
  },
  {
    kind: 'flow filter',
    name: 'On promo and review-request flows',
    definition: 'Profile filter: concord_active_issue is not true',
    use: 'Checked before every email: a customer whose parcel goes late drops out of the flow.',
  },
  {
    kind: 'segment',
    name: 'Concord: open return',
    definition: 'concord_has_open_return equals true',
    use: 'Return-status messaging; exclude from cross-sell.',
  },
  {
    kind: 'segment',
    name: 'Concord: open refund',
    definition: 'concord_has_open_refund equals true',
    use: 'Exclude from promos until the refund is settled.',
  },
  {
    kind: 'segment',
    name: 'Concord: recently resolved',
    definition: 'concord_active_issue equals false AND concord_issue_resolved_at is in the last 14 days',
    use: 'Recovery offers and a gentle review request.',
  },
  {
    kind: 'segment',
    name: 'Concord: VIP with active issue',
    definition: 'concord_vip_active_issue equals true',
    use: 'VIP recovery: personal outreach, no automated promos.',
  },
  {
    kind: 'segment',
    name: 'Concord: delivered, eligible for review',
    definition: 'concord_review_eligible equals true AND concord_active_issue is not true',
    use: 'Review requests only to customers whose last order arrived cleanly (set by Concord N days after delivery).',
  },
  {
    kind: 'flow',
    name: 'Concord: review request',
    definition:
      'Trigger: metric “Concord Review Eligible” (once per order; properties order_id, order_name, delivered_at); flow filter concord_active_issue is not true',
    use: 'Ask for a review of {{ event.order_name }} only after a clean delivery.',
  },
  {
    kind: 'flow',
    name: 'Concord: shipment updates',
    definition:
      'Trigger: metric “Concord Shipment Update”; split on update_type (delayed, exception, out_for_delivery, delivered); no marketing filter (transactional)',
    use: 'Operational messages with {{ event.status_label }}, {{ event.reason }}, {{ event.carrier }}, {{ event.tracking_url }}, {{ event.estimated_delivery }}.',
  },
  {
    kind: 'flow',
    name: 'Concord: recovery after resolution',
    definition:
      'Trigger: metric “Concord Recovery Suggested”; split on gesture (apology, discount_10, discount_15, free_shipping_next_order, discount_20_and_free_shipping) and vip; wait 1 day; filter concord_active_issue is not true',
    use: 'The policy’s gesture for the issue type and VIP status ({{ event.gesture_description }}), then the review request the customer skipped.',
  },
];

/** Which segments and flows exist by name (the API lists both; flow filters can't be read). */
export async function checkKlaviyoSetup(client: Pick<KlaviyoClient, 'listSegments' | 'listFlows'>) {
  const [segments, flows] = await Promise.all([client.listSegments(), client.listFlows()]);
  const segmentNames = new Set(segments.map((s) => s.name.trim().toLowerCase()));
  const flowNames = new Set(flows.map((f) => f.name.trim().toLowerCase()));
  return KLAVIYO_SETUP.map((item) => ({
    item,
    found:
      item.kind === 'segment'
        ? segmentNames.has(item.name.toLowerCase())
        : item.kind === 'flow'
          ? flowNames.has(item.name.toLowerCase())
          : null,
    detail: item.kind === 'flow filter' ? 'Flow filters are not readable through the API: check each promo and review flow by hand.' : null,
  }));
}
