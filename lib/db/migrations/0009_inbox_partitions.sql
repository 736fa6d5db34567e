ALTER TABLE "inbox_events" ADD COLUMN "partition_key" text;--> statement-breakpoint
ALTER TABLE "inbox_events" ADD COLUMN "lane" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_events" ADD COLUMN "customer_email" text;--> statement-breakpoint
CREATE INDEX "inbox_events_lane_pending" ON "inbox_events" USING btree ("lane","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_events_key_pending" ON "inbox_events" USING btree ("partition_key","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_events_customer_pending" ON "inbox_events" USING btree ("customer_email") WHERE status = 'pending' and customer_email is not null;--> statement-breakpoint
CREATE INDEX "inbox_events_processed" ON "inbox_events" USING btree ("processed_at") WHERE processed_at is not null;--> statement-breakpoint
CREATE INDEX "outbox_completed" ON "outbox" USING btree ("completed_at") WHERE completed_at is not null;