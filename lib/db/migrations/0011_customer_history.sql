CREATE TABLE "customer_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"customer_email" text NOT NULL,
	"gorgias_ticket_id" text NOT NULL,
	"subject" text,
	"status" text,
	"channel" text,
	"gorgias_created_at" timestamp with time zone,
	"excerpt" text,
	"fetched_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "customer_history_ticket" ON "customer_history" USING btree ("shop_id","customer_email","gorgias_ticket_id");