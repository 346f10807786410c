CREATE TABLE "line_sequence_drafts" (
	"line_code" text NOT NULL,
	"day" date NOT NULL,
	"order_ids" uuid[] NOT NULL,
	"locked_ids" uuid[] DEFAULT '{}' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "line_sequence_drafts_line_code_day_pk" PRIMARY KEY("line_code","day")
);
--> statement-breakpoint
CREATE TABLE "line_sequencing_rules" (
	"line_code" text PRIMARY KEY NOT NULL,
	"stations" jsonb NOT NULL,
	"paint_feature" text,
	"paint_batch_limit" integer,
	"objectives" text[] DEFAULT '{high,paint,low}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "line_sequencing_rules_batch" CHECK ("line_sequencing_rules"."paint_batch_limit" is null or "line_sequencing_rules"."paint_batch_limit" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "sequence_positions" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"line_code" text NOT NULL,
	"day" date NOT NULL,
	"position" integer NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sequence_positions_position" CHECK ("sequence_positions"."position" >= 1)
);
--> statement-breakpoint
ALTER TABLE "line_sequence_drafts" ADD CONSTRAINT "line_sequence_drafts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_positions" ADD CONSTRAINT "sequence_positions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sequence_positions_slot" ON "sequence_positions" USING btree ("line_code","day","position");--> statement-breakpoint
CREATE INDEX "sequence_positions_day_idx" ON "sequence_positions" USING btree ("line_code","day");