// The Gorgias sidebar template for Concord's HTTP integration, installed by set-up through
// `POST /api/widgets` (GorgiasClient.createWidget). Without it Gorgias guesses a template from the
// first answer: alphabetical order, raw key names, and no list at all if that answer's lists were
// empty. Paths are the keys of buildSidebarJson (lib/domain/sidebar.ts); a test keeps them in step.
//
// Shape per docs/gorgias.md: `{"type": "wrapper", "widgets": [...]}` with cards, lists and leaves,
// each with a path relative to its parent; titles are templated against the card's own data
// (`Order {{name}}`). The root card's empty path, the `meta.link` card-header link, the list
// `meta.limit` / `meta.orderBy` keys and the leaf type names (text, url, email, date, boolean)
// mirror what the widget editor produces [OBS, ?]: an admin can still adjust everything in Gorgias.

export type GorgiasLeafType = 'text' | 'url' | 'email' | 'date' | 'boolean';

export interface GorgiasLeafWidget {
  type: GorgiasLeafType;
  path: string;
  title: string;
}

export interface GorgiasCardWidget {
  type: 'card';
  path: string;
  title: string;
  meta?: { link?: string };
  widgets: GorgiasWidget[];
}

export interface GorgiasListWidget {
  type: 'list';
  path: string;
  meta: { limit: number; orderBy: string };
  widgets: [GorgiasCardWidget];
}

export type GorgiasWidget = GorgiasLeafWidget | GorgiasCardWidget | GorgiasListWidget;

export interface GorgiasWidgetTemplate {
  type: 'wrapper';
  widgets: GorgiasWidget[];
}

const leaf = (path: string, title: string, type: GorgiasLeafType = 'text'): GorgiasLeafWidget => ({ type, path, title });

export const CONCORD_WIDGET_TEMPLATE: GorgiasWidgetTemplate = {
  type: 'wrapper',
  widgets: [
    {
      type: 'card',
      path: '',
      title: 'Concord',
      // Gorgias fills {{current_user.email}} in links (shared/docs/gorgias.md, "Template variables", [DOC]); the first
      // open binds that agent into the signed link, so the agent's actions are recorded as theirs.
      meta: { link: '{{widget_url}}&agent={{current_user.email}}' },
      widgets: [
        leaf('notice', 'Notice'),
        leaf('data_age', 'Data'),
        leaf('as_of', 'As of', 'date'),
        leaf('match', 'Customer match'),
        leaf('store', 'Store'),
        leaf('widget_url', 'Open in Concord', 'url'),
        {
          type: 'card',
          path: 'ticket',
          title: 'Ticket {{ticket_id}}',
          widgets: [
            leaf('intent', 'Intent'),
            leaf('intent_reason', 'Why'),
            leaf('policy', 'Policy'),
            leaf('policy_reason', 'Policy says'),
            leaf('next_step', 'Next step'),
            leaf('suppressed', 'Suppressed', 'boolean'),
            leaf('suppression_reason', 'Suppressed because'),
            leaf('draft_preview', 'Draft (macro “Concord: insert reply draft” puts it in the reply box)'),
            leaf('draft_check', 'Draft check'),
            leaf('ticket_id', 'Ticket'),
          ],
        },
        {
          type: 'list',
          path: 'orders',
          // Concord already sends the latest order first; re-sorting by a formatted field could reorder it.
          meta: { limit: 3, orderBy: '' },
          widgets: [
            {
              type: 'card',
              path: '',
              title: 'Order {{name}}',
              meta: { link: '{{admin_url}}' },
              widgets: [
                leaf('shipment', 'Shipment'),
                leaf('carrier', 'Carrier'),
                leaf('tracking_number', 'Tracking number'),
                leaf('tracking_url', 'Tracking link', 'url'),
                leaf('last_event', 'Last scan'),
                leaf('last_event_at', 'Last scan at', 'date'),
                leaf('estimated_delivery', 'Estimated delivery', 'date'),
                leaf('other_shipments', 'Other shipments'),
                leaf('placed_at', 'Placed', 'date'),
                leaf('total', 'Total'),
                leaf('payment', 'Payment'),
                leaf('fulfillment', 'Fulfillment'),
                leaf('cancelled', 'Cancelled', 'boolean'),
                leaf('items', 'Items'),
                leaf('returns', 'Returns'),
                leaf('refunds', 'Refunds'),
                leaf('admin_url', 'Open in Shopify', 'url'),
                leaf('name', 'Order'),
              ],
            },
          ],
        },
        {
          // Every parcel of the listed orders, each with its tracking link: a moving parcel is never
          // hidden behind the one in trouble.
          type: 'list',
          path: 'shipments',
          meta: { limit: 5, orderBy: '' },
          widgets: [
            {
              type: 'card',
              path: '',
              title: '{{order}} · {{carrier}}',
              meta: { link: '{{tracking_url}}' },
              widgets: [
                leaf('state', 'Status'),
                leaf('tracking_number', 'Tracking number'),
                leaf('tracking_url', 'Tracking link', 'url'),
                leaf('last_event', 'Last scan'),
                leaf('estimated_delivery', 'Estimated delivery', 'date'),
                leaf('carrier', 'Carrier'),
                leaf('order', 'Order'),
              ],
            },
          ],
        },
        {
          type: 'card',
          path: 'customer',
          title: 'Customer',
          widgets: [
            leaf('name', 'Name'),
            leaf('email', 'Email', 'email'),
            leaf('vip', 'VIP', 'boolean'),
            leaf('total_orders', 'Orders'),
            leaf('total_spent', 'Total spent'),
            leaf('other_emails', 'Other emails'),
            leaf('phones', 'Phones'),
            leaf('other_stores', 'Also a customer of'),
          ],
        },
        {
          type: 'list',
          path: 'open_issues',
          meta: { limit: 3, orderBy: '' },
          widgets: [
            {
              type: 'card',
              path: '',
              title: '{{issue}}',
              widgets: [leaf('reason', 'Why'), leaf('opened_at', 'Opened', 'date'), leaf('issue', 'Issue')],
            },
          ],
        },
        {
          type: 'list',
          path: 'previous_tickets',
          meta: { limit: 3, orderBy: '' },
          widgets: [
            {
              type: 'card',
              path: '',
              title: 'Ticket {{ticket_id}}',
              widgets: [
                leaf('subject', 'Subject'),
                leaf('status', 'Status'),
                leaf('intent', 'Intent'),
                leaf('created_at', 'Opened', 'date'),
                leaf('channel', 'Channel'),
                leaf('first_message', 'First message'),
                leaf('ticket_id', 'Ticket'),
              ],
            },
          ],
        },
      ],
    },
  ],
};
