CREATE TABLE "unsent_replies" (
	"shop_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"text" text NOT NULL,
	"base_draft_id" integer,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "unsent_replies_ticket" ON "unsent_replies" USING btree ("shop_id","ticket_id");