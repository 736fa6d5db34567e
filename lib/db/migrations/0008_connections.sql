CREATE TABLE "gorgias_accounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"domain" text NOT NULL,
	"api_email" text NOT NULL,
	"api_key_enc" text NOT NULL,
	"from_env" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gorgias_accounts_domain_unique" UNIQUE("domain")
);
--> statement-breakpoint
CREATE TABLE "klaviyo_accounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"private_key_enc" text NOT NULL,
	"from_env" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "klaviyo_accounts_label_unique" UNIQUE("label")
);
--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"nonce" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shopify_connections" (
	"shop_id" text PRIMARY KEY NOT NULL,
	"grant" text NOT NULL,
	"scopes" text DEFAULT '' NOT NULL,
	"api_version" text NOT NULL,
	"access_token_enc" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_enc" text,
	"refresh_token_expires_at" timestamp with time zone,
	"token_version" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'connected' NOT NULL,
	"status_reason" text,
	"from_env" boolean DEFAULT false NOT NULL,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"refreshed_at" timestamp with time zone,
	"webhooks_registered_at" timestamp with time zone,
	"webhook_topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "klaviyo_account_id" integer;--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "backfill_status" text;--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "backfill_progress" jsonb;