ALTER TABLE "users" DROP CONSTRAINT "users_email_lower_case";--> statement-breakpoint
DROP INDEX "users_email_unique";--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "address" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "share_codes" ALTER COLUMN "texts" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "share_codes" ALTER COLUMN "texts" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "contact" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_index" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "name_index" text[];--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_index" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_index_unique" ON "users" USING btree ("email_index");--> statement-breakpoint
CREATE INDEX "users_phone_index_idx" ON "users" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "users_name_index_idx" ON "users" USING gin ("name_index");