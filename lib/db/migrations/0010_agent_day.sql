CREATE TABLE "intent_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"message_text" text NOT NULL,
	"predicted_intent" text,
	"predicted_confidence" real,
	"corrected_intent" text NOT NULL,
	"gorgias_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unsent_replies" (
	"shop_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"text" text NOT NULL,
	"base_draft_id" integer,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "intent_corrections_shop" ON "intent_corrections" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "unsent_replies_ticket" ON "unsent_replies" USING btree ("shop_id","ticket_id");