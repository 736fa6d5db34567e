DROP INDEX "inbox_events_dedupe";--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_events_dedupe_topic" ON "inbox_events" USING btree ("source","shop_id","topic","event_id");