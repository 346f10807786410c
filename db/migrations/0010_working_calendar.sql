CREATE TABLE "line_holidays" (
	"line_code" text NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "line_holidays_line_code_day_pk" PRIMARY KEY("line_code","day"),
	CONSTRAINT "line_holidays_name_length" CHECK (char_length("line_holidays"."name") between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "line_capacity" RENAME COLUMN "units_per_day" TO "units_per_shift";--> statement-breakpoint
ALTER TABLE "line_capacity" DROP CONSTRAINT "line_capacity_units";--> statement-breakpoint
ALTER TABLE "line_capacity" ADD COLUMN "shifts" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "line_capacity" ADD COLUMN "working_days" integer[] DEFAULT '{1,2,3,4,5}' NOT NULL;--> statement-breakpoint
ALTER TABLE "line_capacity" ADD CONSTRAINT "line_capacity_shifts" CHECK ("line_capacity"."shifts" between 1 and 3);--> statement-breakpoint
ALTER TABLE "line_capacity" ADD CONSTRAINT "line_capacity_working_days" CHECK ("line_capacity"."working_days" <@ '{1,2,3,4,5,6,7}'::integer[] and cardinality("line_capacity"."working_days") >= 1);--> statement-breakpoint
ALTER TABLE "line_capacity" ADD CONSTRAINT "line_capacity_units" CHECK ("line_capacity"."units_per_shift" between 0 and 100000);