CREATE TABLE "configuration_news" (
	"configuration_id" uuid NOT NULL,
	"catalog_version_id" text NOT NULL,
	"kind" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "configuration_news_configuration_id_catalog_version_id_pk" PRIMARY KEY("configuration_id","catalog_version_id")
);
--> statement-breakpoint
ALTER TABLE "configurations" ADD COLUMN "followed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "configuration_news" ADD CONSTRAINT "configuration_news_configuration_id_configurations_id_fk" FOREIGN KEY ("configuration_id") REFERENCES "public"."configurations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_news" ADD CONSTRAINT "configuration_news_catalog_version_id_catalog_versions_id_fk" FOREIGN KEY ("catalog_version_id") REFERENCES "public"."catalog_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "configuration_news_latest_idx" ON "configuration_news" USING btree ("configuration_id","checked_at");