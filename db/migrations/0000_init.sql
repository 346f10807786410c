CREATE TYPE "public"."customer_tier" AS ENUM('gold', 'silver', 'standard');--> statement-breakpoint
CREATE TYPE "public"."dealership_role" AS ENUM('dealer', 'sales_manager');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('customer', 'dealer', 'sales_manager', 'planner', 'admin');--> statement-breakpoint
CREATE TYPE "public"."sign_in_outcome" AS ENUM('failed', 'succeeded', 'blocked');--> statement-breakpoint
CREATE TYPE "public"."catalog_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TABLE "dealership_members" (
	"dealership_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "dealership_role" NOT NULL,
	"discount_cap_bp" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dealership_members_dealership_id_user_id_pk" PRIMARY KEY("dealership_id","user_id"),
	CONSTRAINT "dealership_members_discount_cap_range" CHECK ("dealership_members"."discount_cap_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "dealerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"market" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sign_in_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"client_address" text NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" "sign_in_outcome" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" DEFAULT 'customer' NOT NULL,
	"preferred_language" text,
	"preferred_market" text,
	"tier" "customer_tier" DEFAULT 'standard' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_lower_case" CHECK ("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
CREATE TABLE "catalog_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"status" "catalog_status" DEFAULT 'draft' NOT NULL,
	"catalog" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "catalog_versions_published_at" CHECK (("catalog_versions"."status" = 'draft') = ("catalog_versions"."published_at" is null))
);
--> statement-breakpoint
CREATE TABLE "product_lines" (
	"version_id" text NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "product_lines_version_id_code_pk" PRIMARY KEY("version_id","code")
);
--> statement-breakpoint
ALTER TABLE "dealership_members" ADD CONSTRAINT "dealership_members_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealership_members" ADD CONSTRAINT "dealership_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_lines" ADD CONSTRAINT "product_lines_version_id_catalog_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."catalog_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dealership_members_user_id_idx" ON "dealership_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dealerships_code_unique" ON "dealerships" USING btree ("code");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_email_idx" ON "sign_in_attempts" USING btree ("email","attempted_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_address_idx" ON "sign_in_attempts" USING btree ("client_address","attempted_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_attempted_at_idx" ON "sign_in_attempts" USING btree ("attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "catalog_versions_status_idx" ON "catalog_versions" USING btree ("status");