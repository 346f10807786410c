CREATE TYPE "public"."approval_state" AS ENUM('not_needed', 'pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."discount_kind" AS ENUM('percent', 'amount');--> statement-breakpoint
CREATE TABLE "dealership_customers" (
	"dealership_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"consent_to_contact" boolean NOT NULL,
	"consent_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dealership_customers_dealership_id_customer_id_pk" PRIMARY KEY("dealership_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "quote_versions" (
	"quote_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"line_code" text NOT NULL,
	"catalog_version_id" text NOT NULL,
	"choices" text[] NOT NULL,
	"texts" jsonb NOT NULL,
	"market" text NOT NULL,
	"currency" text NOT NULL,
	"discount_kind" "discount_kind" DEFAULT 'percent' NOT NULL,
	"discount_value" bigint DEFAULT 0 NOT NULL,
	"price" jsonb NOT NULL,
	"total" bigint NOT NULL,
	"valid_until" date NOT NULL,
	"sent_at" timestamp with time zone,
	"approval" "approval_state" DEFAULT 'not_needed' NOT NULL,
	"approved_by" uuid,
	"approval_comment" text,
	"approval_at" timestamp with time zone,
	"signature" text,
	"signed_at" timestamp with time zone,
	"share_code" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quote_versions_quote_id_version_pk" PRIMARY KEY("quote_id","version"),
	CONSTRAINT "quote_versions_total_non_negative" CHECK ("quote_versions"."total" >= 0),
	CONSTRAINT "quote_versions_discount_non_negative" CHECK ("quote_versions"."discount_value" >= 0),
	CONSTRAINT "quote_versions_signed" CHECK (("quote_versions"."signature" is null) = ("quote_versions"."signed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "quotes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"number" text GENERATED ALWAYS AS ('Q-' || lpad(seq::text, 7, '0')) STORED NOT NULL,
	"dealership_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"latest_version" integer DEFAULT 1 NOT NULL,
	"order_id" uuid,
	"lock_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "quote_validity_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "dealership_customers" ADD CONSTRAINT "dealership_customers_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealership_customers" ADD CONSTRAINT "dealership_customers_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealership_customers" ADD CONSTRAINT "dealership_customers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_versions" ADD CONSTRAINT "quote_versions_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_versions" ADD CONSTRAINT "quote_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_versions" ADD CONSTRAINT "quote_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_versions" ADD CONSTRAINT "quote_versions_line_fk" FOREIGN KEY ("catalog_version_id","line_code") REFERENCES "public"."product_lines"("version_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dealership_customers_customer_idx" ON "dealership_customers" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "quote_versions_approval_idx" ON "quote_versions" USING btree ("approval");--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_number_unique" ON "quotes" USING btree ("number");--> statement-breakpoint
CREATE INDEX "quotes_dealership_idx" ON "quotes" USING btree ("dealership_id","updated_at");--> statement-breakpoint
CREATE INDEX "quotes_customer_idx" ON "quotes" USING btree ("customer_id");--> statement-breakpoint
ALTER TABLE "dealerships" ADD CONSTRAINT "dealerships_quote_validity" CHECK ("dealerships"."quote_validity_days" between 1 and 365);