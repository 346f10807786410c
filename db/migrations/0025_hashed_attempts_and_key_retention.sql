CREATE TYPE "public"."auth_attempt_kind" AS ENUM('sign-in', 'sign-up');--> statement-breakpoint
DROP INDEX "sign_in_attempts_email_idx";--> statement-breakpoint
DROP INDEX "sign_in_attempts_address_idx";--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "idempotency_key" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "request_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ADD COLUMN "kind" "auth_attempt_kind" DEFAULT 'sign-in' NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ADD COLUMN "email_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ADD COLUMN "address_hash" text NOT NULL;--> statement-breakpoint
CREATE INDEX "sign_in_attempts_pair_idx" ON "sign_in_attempts" USING btree ("email_hash","address_hash","attempted_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_address_hash_idx" ON "sign_in_attempts" USING btree ("address_hash","attempted_at");--> statement-breakpoint
ALTER TABLE "sign_in_attempts" DROP COLUMN "email";--> statement-breakpoint
ALTER TABLE "sign_in_attempts" DROP COLUMN "client_address";--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_idempotency_key_with_hash" CHECK (("orders"."idempotency_key" is null) = ("orders"."request_hash" is null));