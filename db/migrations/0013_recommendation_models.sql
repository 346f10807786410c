CREATE TABLE "recommendation_models" (
	"line_code" text PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"orders" integer NOT NULL,
	"rules" jsonb NOT NULL
);
