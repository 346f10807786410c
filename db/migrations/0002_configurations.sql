CREATE TABLE "configurations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"line_code" text NOT NULL,
	"catalog_version_id" text NOT NULL,
	"choices" text[] DEFAULT '{}'::text[] NOT NULL,
	"texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "configurations_name_length" CHECK (char_length("configurations"."name") between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "share_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"line_code" text NOT NULL,
	"catalog_version_id" text NOT NULL,
	"choices" text[] DEFAULT '{}'::text[] NOT NULL,
	"texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"configuration_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "share_codes_code_format" CHECK ("share_codes"."code" ~ '^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$')
);
--> statement-breakpoint
ALTER TABLE "configurations" ADD CONSTRAINT "configurations_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configurations" ADD CONSTRAINT "configurations_line_fk" FOREIGN KEY ("catalog_version_id","line_code") REFERENCES "public"."product_lines"("version_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_codes" ADD CONSTRAINT "share_codes_configuration_id_configurations_id_fk" FOREIGN KEY ("configuration_id") REFERENCES "public"."configurations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_codes" ADD CONSTRAINT "share_codes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_codes" ADD CONSTRAINT "share_codes_line_fk" FOREIGN KEY ("catalog_version_id","line_code") REFERENCES "public"."product_lines"("version_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "configurations_owner_idx" ON "configurations" USING btree ("owner_id","updated_at");--> statement-breakpoint
CREATE INDEX "share_codes_configuration_idx" ON "share_codes" USING btree ("configuration_id");