CREATE TABLE "order_status_counts" (
	"status" "order_status" NOT NULL,
	"line_code" text NOT NULL,
	"dealership_id" uuid,
	"slot" integer NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "order_status_counts_key" UNIQUE NULLS NOT DISTINCT("status","line_code","dealership_id","slot")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "build_date" date;--> statement-breakpoint
CREATE INDEX "orders_build_idx" ON "orders" USING btree (coalesce("build_date", 'infinity'::date),"id");--> statement-breakpoint
CREATE INDEX "orders_status_build_idx" ON "orders" USING btree ("status",coalesce("build_date", 'infinity'::date),"id");