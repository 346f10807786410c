ALTER TABLE "dealerships" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "email" text;