DROP INDEX "orders_choices_idx";--> statement-breakpoint
DROP INDEX "orders_build_idx";--> statement-breakpoint
CREATE INDEX "orders_choices_filters_idx" ON "orders" USING gin ("status","line_code","dealership_id","choices");--> statement-breakpoint
CREATE INDEX "orders_build_idx" ON "orders" USING btree (coalesce("build_date", 'infinity'::date),"id","build_date","created_at","status","tier");