DROP INDEX "inbox_events_dedupe";--> statement-breakpoint
ALTER TABLE "fulfillments" ADD COLUMN "line_item_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "fulfillments" ADD COLUMN "shipment_status_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "line_item_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_events_dedupe_topic" ON "inbox_events" USING btree ("source","shop_id","topic","event_id");