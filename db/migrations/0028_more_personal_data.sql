-- Decision 045: leads' contact, personalisation texts, customer notes and feedback comments are encrypted by the
-- application; these columns become text (jsonb texts are cast to their JSON text, which reads as legacy plaintext
-- until the start-up pass encrypts it). The per-email lead limit compares a blind index instead of the email.
DROP INDEX "leads_email_idx";--> statement-breakpoint
ALTER TABLE "configurations" ALTER COLUMN "texts" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "configurations" ALTER COLUMN "texts" SET DATA TYPE text USING "texts"::text;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "texts" SET DATA TYPE text USING "texts"::text;--> statement-breakpoint
ALTER TABLE "quote_versions" ALTER COLUMN "texts" SET DATA TYPE text USING "texts"::text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "email_index" text;--> statement-breakpoint
CREATE INDEX "leads_email_index_idx" ON "leads" USING btree ("email_index","created_at");
