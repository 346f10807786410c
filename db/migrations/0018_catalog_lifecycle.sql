CREATE TYPE "public"."catalog_analysis_status" AS ENUM('running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "catalog_analyses" (
	"version_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"status" "catalog_analysis_status" DEFAULT 'running' NOT NULL,
	"steps_done" integer DEFAULT 0 NOT NULL,
	"steps_total" integer NOT NULL,
	"result" jsonb,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "catalog_analyses_version_id_content_hash_pk" PRIMARY KEY("version_id","content_hash")
);
--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD COLUMN "based_on" text;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD COLUMN "published_by" uuid;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "catalog_analyses" ADD CONSTRAINT "catalog_analyses_version_id_catalog_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."catalog_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_based_on_catalog_versions_id_fk" FOREIGN KEY ("based_on") REFERENCES "public"."catalog_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;