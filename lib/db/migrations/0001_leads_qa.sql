CREATE TABLE "qa_reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"week" text NOT NULL,
	"kind" text NOT NULL,
	"item_key" text NOT NULL,
	"verdict" text NOT NULL,
	"note" text,
	"reviewer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teach_examples" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"intent" text NOT NULL,
	"draft_id" integer NOT NULL,
	"draft_text" text NOT NULL,
	"sent_text" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "qa_reviews_item" ON "qa_reviews" USING btree ("shop_id","week","kind","item_key");--> statement-breakpoint
CREATE UNIQUE INDEX "teach_examples_draft" ON "teach_examples" USING btree ("draft_id");