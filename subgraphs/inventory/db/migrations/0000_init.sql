CREATE SCHEMA "inventory";
--> statement-breakpoint
CREATE TABLE "inventory"."stock" (
	"product_id" integer PRIMARY KEY NOT NULL,
	"available" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_available_non_negative" CHECK ("inventory"."stock"."available" >= 0),
	CONSTRAINT "stock_reserved_non_negative" CHECK ("inventory"."stock"."reserved" >= 0)
);
