CREATE TABLE "actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"ticket_id" text,
	"order_id" text,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"verdict" jsonb,
	"overridden" boolean DEFAULT false NOT NULL,
	"override_reason" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"idempotency_key" text NOT NULL,
	"result" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"customer_email" text,
	"order_id" text,
	"ticket_id" text,
	"explanation" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"shopify_customer_id" text NOT NULL,
	"email" text,
	"emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_name" text,
	"last_name" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"orders_count" integer DEFAULT 0 NOT NULL,
	"total_spent" text DEFAULT '0.00' NOT NULL,
	"shopify_updated_at" timestamp with time zone,
	"redacted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"message_id" text,
	"intent" text,
	"source" text NOT NULL,
	"prompt_name" text,
	"prompt_version" text,
	"model" text,
	"template_id" text,
	"context" jsonb NOT NULL,
	"output" text NOT NULL,
	"grounding" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"error" text,
	"sent_message_id" text,
	"sent_text" text,
	"sent_at" timestamp with time zone,
	"sent_by" text,
	"edit_distance" integer,
	"kept_ratio" real,
	"teach" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfillments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"shopify_fulfillment_id" text NOT NULL,
	"order_id" text NOT NULL,
	"name" text,
	"status" text NOT NULL,
	"shipment_status" text,
	"tracking_company" text,
	"tracking_number" text,
	"tracking_url" text,
	"shopify_created_at" timestamp with time zone NOT NULL,
	"shopify_updated_at" timestamp with time zone NOT NULL,
	"estimated_delivery_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"health_state" text,
	"health_reason" text,
	"health_checked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"shop_id" text NOT NULL,
	"topic" text NOT NULL,
	"event_id" text NOT NULL,
	"webhook_id" text,
	"triggered_at" timestamp with time zone,
	"api_version" text,
	"body" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "issues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"customer_email" text,
	"customer_shopify_id" text,
	"order_id" text,
	"ticket_id" text,
	"reason" text NOT NULL,
	"opened_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"last_signal_at" timestamp with time zone NOT NULL,
	"closed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "klaviyo_profiles" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"customer_email" text NOT NULL,
	"klaviyo_profile_id" text,
	"pushed_properties" jsonb,
	"pushed_at" timestamp with time zone,
	"suppressed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"gorgias_message_id" text NOT NULL,
	"from_agent" boolean NOT NULL,
	"internal_note" boolean DEFAULT false NOT NULL,
	"channel" text,
	"body_text" text NOT NULL,
	"sender_email" text,
	"sender_name" text,
	"attachment_count" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"gorgias_created_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"shopify_order_id" text NOT NULL,
	"name" text NOT NULL,
	"order_number" integer,
	"customer_shopify_id" text,
	"email" text,
	"phone" text,
	"shopify_created_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"closed_at" timestamp with time zone,
	"financial_status" text,
	"fulfillment_status" text,
	"currency" text NOT NULL,
	"total_price" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"line_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"shipping_address" jsonb,
	"on_hold" boolean DEFAULT false NOT NULL,
	"shopify_updated_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"serial_key" text,
	"action_id" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"shopify_refund_id" text NOT NULL,
	"order_id" text NOT NULL,
	"amount" text NOT NULL,
	"currency" text,
	"note" text,
	"shopify_created_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"shopify_return_id" text NOT NULL,
	"order_id" text NOT NULL,
	"name" text,
	"status" text NOT NULL,
	"shopify_created_at" timestamp with time zone NOT NULL,
	"shopify_updated_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shops" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"gorgias_domain" text,
	"backfilled_at" timestamp with time zone,
	"reconciled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppression_overrides" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"customer_email" text NOT NULL,
	"mode" text NOT NULL,
	"reason" text NOT NULL,
	"expires_at" timestamp with time zone,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"matched_shop_id" text,
	"gorgias_ticket_id" text NOT NULL,
	"gorgias_domain" text,
	"gorgias_customer_id" text,
	"customer_email" text,
	"customer_name" text,
	"subject" text,
	"status" text DEFAULT 'open' NOT NULL,
	"channel" text,
	"assignee_email" text,
	"assignee_team_id" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"intent" text,
	"intent_confidence" real,
	"intent_reasons" jsonb,
	"intent_decided_by" text,
	"matched_order_id" text,
	"match_status" text,
	"match_by" jsonb,
	"verdict" jsonb,
	"gorgias_created_at" timestamp with time zone,
	"gorgias_updated_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"last_customer_message_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"shopify_event_id" text NOT NULL,
	"fulfillment_id" text NOT NULL,
	"order_id" text NOT NULL,
	"status" text NOT NULL,
	"message" text,
	"happened_at" timestamp with time zone NOT NULL,
	"estimated_delivery_at" timestamp with time zone,
	"city" text,
	"province" text,
	"country" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "actions_idempotency" ON "actions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "actions_ticket" ON "actions" USING btree ("shop_id","ticket_id");--> statement-breakpoint
CREATE INDEX "audit_log_shop_at" ON "audit_log" USING btree ("shop_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_customer" ON "audit_log" USING btree ("customer_email");--> statement-breakpoint
CREATE INDEX "audit_log_ticket" ON "audit_log" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "audit_log_order" ON "audit_log" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_shop_shopify_id" ON "customers" USING btree ("shop_id","shopify_customer_id");--> statement-breakpoint
CREATE INDEX "customers_email" ON "customers" USING btree ("email");--> statement-breakpoint
CREATE INDEX "customers_emails" ON "customers" USING gin ("emails");--> statement-breakpoint
CREATE INDEX "customers_phones" ON "customers" USING gin ("phones");--> statement-breakpoint
CREATE INDEX "drafts_ticket" ON "drafts" USING btree ("shop_id","ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fulfillments_shop_shopify_id" ON "fulfillments" USING btree ("shop_id","shopify_fulfillment_id");--> statement-breakpoint
CREATE INDEX "fulfillments_order" ON "fulfillments" USING btree ("shop_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_events_dedupe" ON "inbox_events" USING btree ("source","shop_id","event_id");--> statement-breakpoint
CREATE INDEX "inbox_events_pending" ON "inbox_events" USING btree ("id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "issues_shop_key" ON "issues" USING btree ("shop_id","key");--> statement-breakpoint
CREATE INDEX "issues_customer" ON "issues" USING btree ("shop_id","customer_email");--> statement-breakpoint
CREATE UNIQUE INDEX "klaviyo_profiles_customer" ON "klaviyo_profiles" USING btree ("shop_id","customer_email");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_gorgias_id" ON "messages" USING btree ("shop_id","gorgias_message_id");--> statement-breakpoint
CREATE INDEX "messages_ticket" ON "messages" USING btree ("shop_id","ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_shop_shopify_id" ON "orders" USING btree ("shop_id","shopify_order_id");--> statement-breakpoint
CREATE INDEX "orders_customer" ON "orders" USING btree ("shop_id","customer_shopify_id");--> statement-breakpoint
CREATE INDEX "orders_email" ON "orders" USING btree ("email");--> statement-breakpoint
CREATE INDEX "orders_number" ON "orders" USING btree ("shop_id","order_number");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_idempotency" ON "outbox" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("next_attempt_at") WHERE status in ('pending', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_shop_shopify_id" ON "refunds" USING btree ("shop_id","shopify_refund_id");--> statement-breakpoint
CREATE INDEX "refunds_order" ON "refunds" USING btree ("shop_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "returns_shop_shopify_id" ON "returns" USING btree ("shop_id","shopify_return_id");--> statement-breakpoint
CREATE INDEX "returns_order" ON "returns" USING btree ("shop_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "settings_versions_shop_version" ON "settings_versions" USING btree ("shop_id","version");--> statement-breakpoint
CREATE INDEX "suppression_overrides_customer" ON "suppression_overrides" USING btree ("shop_id","customer_email");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_gorgias_id" ON "tickets" USING btree ("shop_id","gorgias_ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_email" ON "tickets" USING btree ("customer_email");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_shop_shopify_id" ON "tracking_events" USING btree ("shop_id","shopify_event_id");--> statement-breakpoint
CREATE INDEX "tracking_events_fulfillment" ON "tracking_events" USING btree ("shop_id","fulfillment_id");