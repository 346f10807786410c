CREATE TYPE "public"."contact_channel" AS ENUM('email', 'in_app');--> statement-breakpoint
CREATE TYPE "public"."consent_kind" AS ENUM('recommendations', 'saved_configuration_news');--> statement-breakpoint
CREATE TABLE "consent_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "consent_kind" NOT NULL,
	"granted" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "address" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "contact_channel" "contact_channel" DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "preferred_dealership_id" uuid;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_events_user_idx" ON "consent_events" USING btree ("user_id","kind","at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_preferred_dealership_id_dealerships_id_fk" FOREIGN KEY ("preferred_dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE set null ON UPDATE no action;