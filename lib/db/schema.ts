import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// The read model and the machinery around it. Every row belongs to a shop (a myshopify domain).
// Shopify/Gorgias ids are text. Rows refer to each other by vendor ids, not foreign keys, because
// webhooks arrive out of order: a fulfillment may land before its order.

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => tz('created_at').notNull().defaultNow();

export const shops = pgTable('shops', {
  id: text('id').primaryKey(), // acme.myshopify.com
  name: text('name').notNull(),
  currency: text('currency').notNull().default('USD'),
  gorgiasDomain: text('gorgias_domain'), // one Gorgias account may serve several shops
  // An admin's "revoke all widget links": links issued before this moment stop working.
  widgetLinksRevokedBefore: tz('widget_links_revoked_before'),
  backfilledAt: tz('backfilled_at'),
  reconciledAt: tz('reconciled_at'),
  klaviyoAccountId: integer('klaviyo_account_id'), // the Klaviyo account this shop's profiles live in
  // The first 60-day backfill after a connect: idle | running | done | failed, with its page count.
  backfillStatus: text('backfill_status'),
  backfillProgress: jsonb('backfill_progress').$type<{ pages: number; checked: number; repaired: number; error?: string }>(),
  createdAt: createdAt(),
});

// How Concord reaches one shop's Admin API. Secrets are AES-256-GCM ciphertexts
// (lib/connections/encrypt-secret.ts), never returned by any API or page.
export const shopifyConnections = pgTable('shopify_connections', {
  shopId: text('shop_id').primaryKey(),
  grant: text('grant').notNull(), // authorization_code | client_credentials | static
  scopes: text('scopes').notNull().default(''),
  apiVersion: text('api_version').notNull(),
  accessTokenEnc: text('access_token_enc'), // null once uninstalled
  accessTokenExpiresAt: tz('access_token_expires_at'), // null: never expires (static tokens)
  refreshTokenEnc: text('refresh_token_enc'),
  refreshTokenExpiresAt: tz('refresh_token_expires_at'),
  tokenVersion: integer('token_version').notNull().default(1), // bumped on every new pair
  status: text('status').notNull().default('connected'), // connected | disconnected | uninstalled
  statusReason: text('status_reason'),
  fromEnv: boolean('from_env').notNull().default(false),
  installedAt: tz('installed_at').notNull().defaultNow(),
  refreshedAt: tz('refreshed_at'),
  webhooksRegisteredAt: tz('webhooks_registered_at'),
  webhookTopics: text('webhook_topics')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

// A Gorgias helpdesk; shops.gorgias_domain links shops to it (one account, several stores).
export const gorgiasAccounts = pgTable('gorgias_accounts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  domain: text('domain').notNull().unique(), // subdomain, e.g. acme for acme.gorgias.com
  apiEmail: text('api_email').notNull(),
  apiKeyEnc: text('api_key_enc').notNull(),
  fromEnv: boolean('from_env').notNull().default(false),
  createdAt: createdAt(),
});

// A Klaviyo account (private API key); shops.klaviyo_account_id links shops to it.
export const klaviyoAccounts = pgTable('klaviyo_accounts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  label: text('label').notNull().unique(),
  privateKeyEnc: text('private_key_enc').notNull(),
  fromEnv: boolean('from_env').notNull().default(false),
  createdAt: createdAt(),
});

// The OAuth `state` of an install in progress: single use, bound to one shop, expiring.
export const oauthStates = pgTable('oauth_states', {
  nonce: text('nonce').primaryKey(),
  shopId: text('shop_id').notNull(),
  expiresAt: tz('expires_at').notNull(),
  usedAt: tz('used_at'),
  createdAt: createdAt(),
});

// Every inbound webhook, stored raw before it is acknowledged. Unique per source + shop + event id,
// so a redelivery is recognised and ignored.
export const inboxEvents = pgTable(
  'inbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: text('source').notNull(), // shopify | gorgias
    shopId: text('shop_id').notNull(),
    topic: text('topic').notNull(),
    eventId: text('event_id').notNull(),
    webhookId: text('webhook_id'),
    triggeredAt: tz('triggered_at'),
    apiVersion: text('api_version'),
    body: text('body').notNull(), // raw bytes as received (ids beyond 2^53 survive)
    receivedAt: tz('received_at').notNull().defaultNow(),
    status: text('status').notNull().default('pending'), // pending | done | failed | ignored
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at').notNull().defaultNow(),
    processedAt: tz('processed_at'),
    lastError: text('last_error'),
    // What the event is about (an order, a customer, a ticket), fixed at receipt
    // (lib/ingest/partition-key.ts). Events with one key are applied one at a time and in order;
    // `lane` (a hash of the key) is what a projection worker claims, so different orders run in parallel.
    partitionKey: text('partition_key'),
    lane: integer('lane').notNull().default(0),
    customerEmail: text('customer_email'), // lower-cased; "is this customer's state up to date?"
  },
  (t) => [
    // Shopify shares one event id across every delivery of one merchant action, so two topics from
    // one action must not collide: the topic is part of the key.
    uniqueIndex('inbox_events_dedupe_topic').on(t.source, t.shopId, t.topic, t.eventId),
    index('inbox_events_pending')
      .on(t.id)
      .where(sql`status = 'pending'`),
    index('inbox_events_lane_pending')
      .on(t.lane, t.id)
      .where(sql`status = 'pending'`),
    index('inbox_events_key_pending')
      .on(t.partitionKey, t.id)
      .where(sql`status = 'pending'`),
    index('inbox_events_customer_pending')
      .on(t.customerEmail)
      .where(sql`status = 'pending' and customer_email is not null`),
    // The drain rate (events applied in the last minute) for /admin and /api/health.
    index('inbox_events_processed')
      .on(t.processedAt)
      .where(sql`processed_at is not null`),
  ],
);

export const customers = pgTable(
  'customers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    shopifyCustomerId: text('shopify_customer_id').notNull(),
    email: text('email'), // lower-cased
    emails: text('emails')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`), // every email seen, lower-cased
    phones: text('phones')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    firstName: text('first_name'),
    lastName: text('last_name'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ordersCount: integer('orders_count').notNull().default(0),
    totalSpent: text('total_spent').notNull().default('0.00'),
    shopifyUpdatedAt: tz('shopify_updated_at'),
    redactedAt: tz('redacted_at'),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_shop_shopify_id').on(t.shopId, t.shopifyCustomerId),
    index('customers_email').on(t.email),
    index('customers_emails').using('gin', t.emails),
    index('customers_phones').using('gin', t.phones),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    shopifyOrderId: text('shopify_order_id').notNull(),
    name: text('name').notNull(),
    orderNumber: integer('order_number'),
    customerShopifyId: text('customer_shopify_id'),
    email: text('email'),
    phone: text('phone'),
    shopifyCreatedAt: tz('shopify_created_at').notNull(),
    processedAt: tz('processed_at'),
    cancelledAt: tz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    closedAt: tz('closed_at'),
    financialStatus: text('financial_status'),
    fulfillmentStatus: text('fulfillment_status'),
    currency: text('currency').notNull(),
    totalPrice: text('total_price').notNull(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    note: text('note'),
    lineItems: jsonb('line_items')
      .notNull()
      .default(sql`'[]'::jsonb`),
    shippingAddress: jsonb('shipping_address'),
    onHold: boolean('on_hold').notNull().default(false),
    shopifyUpdatedAt: tz('shopify_updated_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('orders_shop_shopify_id').on(t.shopId, t.shopifyOrderId),
    index('orders_customer').on(t.shopId, t.customerShopifyId),
    index('orders_email').on(t.email),
    index('orders_number').on(t.shopId, t.orderNumber),
  ],
);

export const fulfillments = pgTable(
  'fulfillments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    shopifyFulfillmentId: text('shopify_fulfillment_id').notNull(),
    orderId: text('order_id').notNull(), // Shopify order id
    name: text('name'),
    status: text('status').notNull(),
    shipmentStatus: text('shipment_status'),
    trackingCompany: text('tracking_company'),
    trackingNumber: text('tracking_number'),
    trackingUrl: text('tracking_url'),
    shopifyCreatedAt: tz('shopify_created_at').notNull(),
    shopifyUpdatedAt: tz('shopify_updated_at').notNull(),
    estimatedDeliveryAt: tz('estimated_delivery_at'),
    deliveredAt: tz('delivered_at'),
    lineItemIds: text('line_item_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // When shipment_status last changed: carrier movement reported without a fulfillment event.
    shipmentStatusAt: tz('shipment_status_at'),
    // Derived shipment health, cached for listing and for the delay scan.
    healthState: text('health_state'),
    healthReason: text('health_reason'),
    healthCheckedAt: tz('health_checked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('fulfillments_shop_shopify_id').on(t.shopId, t.shopifyFulfillmentId),
    index('fulfillments_order').on(t.shopId, t.orderId),
  ],
);

export const trackingEvents = pgTable(
  'tracking_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    shopifyEventId: text('shopify_event_id').notNull(),
    fulfillmentId: text('fulfillment_id').notNull(),
    orderId: text('order_id').notNull(),
    status: text('status').notNull(),
    message: text('message'),
    happenedAt: tz('happened_at').notNull(),
    estimatedDeliveryAt: tz('estimated_delivery_at'),
    city: text('city'),
    province: text('province'),
    country: text('country'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tracking_events_shop_shopify_id').on(t.shopId, t.shopifyEventId),
    index('tracking_events_fulfillment').on(t.shopId, t.fulfillmentId),
    index('tracking_events_order').on(t.shopId, t.orderId), // the sidebar loads an order's events by order
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    shopifyRefundId: text('shopify_refund_id').notNull(),
    orderId: text('order_id').notNull(),
    amount: text('amount').notNull(),
    currency: text('currency'),
    note: text('note'),
    lineItemIds: text('line_item_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    shopifyCreatedAt: tz('shopify_created_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refunds_shop_shopify_id').on(t.shopId, t.shopifyRefundId), index('refunds_order').on(t.shopId, t.orderId)],
);

export const returns = pgTable(
  'returns',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    shopifyReturnId: text('shopify_return_id').notNull(),
    orderId: text('order_id').notNull(),
    name: text('name'),
    status: text('status').notNull(),
    shopifyCreatedAt: tz('shopify_created_at').notNull(),
    shopifyUpdatedAt: tz('shopify_updated_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('returns_shop_shopify_id').on(t.shopId, t.shopifyReturnId), index('returns_order').on(t.shopId, t.orderId)],
);

export const tickets = pgTable(
  'tickets',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(), // the helpdesk's primary store (stable)
    matchedShopId: text('matched_shop_id'), // the store whose customer/order the ticket was matched to
    gorgiasTicketId: text('gorgias_ticket_id').notNull(),
    gorgiasDomain: text('gorgias_domain'),
    gorgiasCustomerId: text('gorgias_customer_id'),
    customerEmail: text('customer_email'),
    customerOtherEmails: text('customer_other_emails')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`), // from the Gorgias customer's channels
    customerPhones: text('customer_phones')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`), // normalised (SMS, WhatsApp, voice)
    customerName: text('customer_name'),
    subject: text('subject'),
    status: text('status').notNull().default('open'),
    channel: text('channel'),
    assigneeEmail: text('assignee_email'),
    assigneeTeamId: text('assignee_team_id'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    intent: text('intent'),
    intentConfidence: real('intent_confidence'),
    intentReasons: jsonb('intent_reasons').$type<string[]>(),
    intentDecidedBy: text('intent_decided_by'),
    matchedOrderId: text('matched_order_id'),
    matchStatus: text('match_status'), // matched | uncertain | none
    matchBy: jsonb('match_by').$type<string[]>(),
    matchNote: text('match_note'),
    verdict: jsonb('verdict'),
    gorgiasCreatedAt: tz('gorgias_created_at'),
    gorgiasUpdatedAt: tz('gorgias_updated_at'),
    firstResponseAt: tz('first_response_at'),
    closedAt: tz('closed_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    lastCustomerMessageAt: tz('last_customer_message_at'),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tickets_gorgias_id').on(t.shopId, t.gorgiasTicketId), index('tickets_email').on(t.customerEmail)],
);

export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    ticketId: text('ticket_id').notNull(), // Gorgias ticket id
    gorgiasMessageId: text('gorgias_message_id').notNull(),
    fromAgent: boolean('from_agent').notNull(),
    internalNote: boolean('internal_note').notNull().default(false),
    channel: text('channel'),
    bodyText: text('body_text').notNull(),
    senderEmail: text('sender_email'),
    senderName: text('sender_name'),
    attachmentCount: integer('attachment_count').notNull().default(0),
    sentAt: tz('sent_at'),
    gorgiasCreatedAt: tz('gorgias_created_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('messages_gorgias_id').on(t.shopId, t.gorgiasMessageId), index('messages_ticket').on(t.shopId, t.ticketId)],
);

// A customer's open problem (late parcel, return, damaged claim...). Keyed so that repeated and
// out-of-order signals converge; suppression in Klaviyo is derived from the open ones.
export const issues = pgTable(
  'issues',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(), // open | resolved
    customerEmail: text('customer_email'),
    customerShopifyId: text('customer_shopify_id'),
    orderId: text('order_id'),
    ticketId: text('ticket_id'),
    reason: text('reason').notNull(),
    openedAt: tz('opened_at'),
    resolvedAt: tz('resolved_at'),
    lastSignalAt: tz('last_signal_at').notNull(),
    closedBy: text('closed_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('issues_shop_key').on(t.shopId, t.key), index('issues_customer').on(t.shopId, t.customerEmail)],
);

export const suppressionOverrides = pgTable(
  'suppression_overrides',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    customerEmail: text('customer_email').notNull(),
    mode: text('mode').notNull(), // suppress | release
    reason: text('reason').notNull(),
    expiresAt: tz('expires_at'),
    actor: text('actor').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('suppression_overrides_customer').on(t.shopId, t.customerEmail)],
);

// What Concord last pushed to Klaviyo for a customer: the reconciliation compares against it.
export const klaviyoProfiles = pgTable(
  'klaviyo_profiles',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    customerEmail: text('customer_email').notNull(),
    klaviyoProfileId: text('klaviyo_profile_id'),
    pushedProperties: jsonb('pushed_properties').$type<Record<string, unknown>>(),
    pushedAt: tz('pushed_at'),
    suppressed: boolean('suppressed').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('klaviyo_profiles_customer').on(t.shopId, t.customerEmail)],
);

export const drafts = pgTable(
  'drafts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    ticketId: text('ticket_id').notNull(),
    messageId: text('message_id'), // the customer message it answers
    intent: text('intent'),
    source: text('source').notNull(), // model | template
    promptName: text('prompt_name'),
    promptVersion: text('prompt_version'),
    model: text('model'),
    templateId: text('template_id'),
    context: jsonb('context').notNull(),
    output: text('output').notNull(),
    grounding: jsonb('grounding').notNull(),
    status: text('status').notNull().default('draft'), // draft | sent | auto_sent | shadow | superseded
    error: text('error'),
    sentMessageId: text('sent_message_id'),
    sentText: text('sent_text'),
    sentAt: tz('sent_at'),
    sentBy: text('sent_by'),
    editDistance: integer('edit_distance'),
    keptRatio: real('kept_ratio'),
    teach: boolean('teach').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('drafts_ticket').on(t.shopId, t.ticketId)],
);

// The reply an agent is writing and hasn't sent yet, one per ticket: it survives reloads, a second
// tab or another device, and a new draft never overwrites it (the agent chooses).
export const unsentReplies = pgTable(
  'unsent_replies',
  {
    shopId: text('shop_id').notNull(),
    ticketId: text('ticket_id').notNull(),
    text: text('text').notNull(),
    baseDraftId: integer('base_draft_id'), // the draft the agent started from
    updatedBy: text('updated_by'),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('unsent_replies_ticket').on(t.shopId, t.ticketId)],
);

// An agent's or lead's correction of a ticket's intent: training and evaluation data for the
// classifier (scripts/export-intent-corrections.ts writes the eval script's {text, intent} lines).
export const intentCorrections = pgTable(
  'intent_corrections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    ticketId: text('ticket_id').notNull(),
    messageText: text('message_text').notNull(), // the customer's words the classifier read
    predictedIntent: text('predicted_intent'),
    predictedConfidence: real('predicted_confidence'),
    correctedIntent: text('corrected_intent').notNull(),
    gorgiasTags: text('gorgias_tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    actor: text('actor').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('intent_corrections_shop').on(t.shopId, t.createdAt)],
);

// A policy action someone (or the automation) asked for. Executed through the outbox.
export const actions = pgTable(
  'actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    ticketId: text('ticket_id'),
    orderId: text('order_id'),
    kind: text('kind').notNull(),
    params: jsonb('params').notNull(),
    verdict: jsonb('verdict'),
    overridden: boolean('overridden').notNull().default(false),
    overrideReason: text('override_reason'),
    actorType: text('actor_type').notNull(), // system | agent | lead | admin
    actorId: text('actor_id'),
    status: text('status').notNull().default('pending'), // pending | done | failed | recorded | shadow
    idempotencyKey: text('idempotency_key').notNull(),
    result: jsonb('result'),
    error: text('error'),
    createdAt: createdAt(),
    completedAt: tz('completed_at'),
  },
  (t) => [uniqueIndex('actions_idempotency').on(t.idempotencyKey), index('actions_ticket').on(t.shopId, t.ticketId)],
);

// Side effects, written in the same transaction as the change that caused them and executed by
// the worker with retries. serial_key serialises effects for one customer (Klaviyo sync).
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    kind: text('kind').notNull(), // e.g. gorgias.add_tags, shopify.cancel_order, klaviyo.sync_profile
    payload: jsonb('payload').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    serialKey: text('serial_key'),
    actionId: integer('action_id'),
    status: text('status').notNull().default('pending'), // pending | running | done | dead | recorded (demo) | shadow
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    nextAttemptAt: tz('next_attempt_at').notNull().defaultNow(),
    lockedUntil: tz('locked_until'),
    lastError: text('last_error'),
    result: jsonb('result'),
    createdAt: createdAt(),
    completedAt: tz('completed_at'),
  },
  (t) => [
    uniqueIndex('outbox_idempotency').on(t.idempotencyKey),
    index('outbox_due')
      .on(t.nextAttemptAt)
      .where(sql`status in ('pending', 'running')`),
    // The claim's "nothing earlier with this serial key is open" check: without it each check scanned
    // every open effect, and a backlog of 4,000 took 1.25 s per claim of 20.
    index('outbox_serial_open')
      .on(t.serialKey, t.id)
      .where(sql`status in ('pending', 'running') and serial_key is not null`),
    // The outbox drain rate (effects finished in the last minute) for /admin and /api/health.
    index('outbox_completed')
      .on(t.completedAt)
      .where(sql`completed_at is not null`),
  ],
);

// Append-only: every automated or human decision with its explanation.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    at: tz('at').notNull().defaultNow(),
    actorType: text('actor_type').notNull(), // system | agent | lead | admin
    actorId: text('actor_id'),
    action: text('action').notNull(), // e.g. order.cancel.requested, ticket.classified, customer.redacted
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    customerEmail: text('customer_email'),
    orderId: text('order_id'),
    ticketId: text('ticket_id'),
    explanation: text('explanation').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_log_shop_at').on(t.shopId, t.at),
    index('audit_log_customer').on(t.customerEmail),
    index('audit_log_ticket').on(t.ticketId),
    index('audit_log_order').on(t.orderId),
  ],
);

export const settingsVersions = pgTable(
  'settings_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    version: integer('version').notNull(),
    data: jsonb('data').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('settings_versions_shop_version').on(t.shopId, t.version)],
);

// Leads and admins sign in; agents reach the widget through signed links and need no account.
export const users = pgTable('users', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name'),
  role: text('role').notNull(), // lead | admin
  passwordHash: text('password_hash').notNull(),
  // Every session carries the version it was issued under; logging out bumps it, which ends the
  // user's sessions on every instance at once.
  sessionVersion: integer('session_version').notNull().default(0),
  createdAt: createdAt(),
});

// Sign-in throttling, shared by every instance: failed and total attempts per key (ip:<addr> or
// account:<email>) in a fixed window.
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  windowStart: tz('window_start').notNull(),
  attempts: integer('attempts').notNull().default(0),
  failures: integer('failures').notNull().default(0),
});

export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

// The weekly QA loop: a lead marks sampled items correct or wrong, week by week.
export const qaReviews = pgTable(
  'qa_reviews',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    week: text('week').notNull(), // ISO week, e.g. 2026-W48
    kind: text('kind').notNull(), // wismo_automation | routing_false_positive | suppression
    itemKey: text('item_key').notNull(), // what was reviewed, e.g. ticket:123
    verdict: text('verdict').notNull(), // correct | wrong
    note: text('note'),
    reviewer: text('reviewer').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('qa_reviews_item').on(t.shopId, t.week, t.kind, t.itemKey)],
);

// "Teach this": an agent's edit a lead promoted to an example for that intent's template or prompt.
export const teachExamples = pgTable(
  'teach_examples',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    intent: text('intent').notNull(),
    draftId: integer('draft_id').notNull(),
    draftText: text('draft_text').notNull(),
    sentText: text('sent_text').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teach_examples_draft').on(t.draftId)],
);

// A customer's earlier Gorgias tickets, read once through the Gorgias API when Concord first sees
// that customer in a shop (effect gorgias.fetch_customer_history), so the sidebar's "previous
// conversations" has history from day one, not only tickets since Concord was installed.
export const customerHistory = pgTable(
  'customer_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shopId: text('shop_id').notNull(),
    customerEmail: text('customer_email').notNull(), // lower-case
    gorgiasTicketId: text('gorgias_ticket_id').notNull(),
    subject: text('subject'),
    status: text('status'),
    channel: text('channel'),
    gorgiasCreatedAt: tz('gorgias_created_at'),
    excerpt: text('excerpt'), // the start of the ticket's first message, as plain text
    fetchedAt: tz('fetched_at').notNull(),
  },
  (t) => [uniqueIndex('customer_history_ticket').on(t.shopId, t.customerEmail, t.gorgiasTicketId)],
);
