CREATE TYPE "inventory"."hold_state" AS ENUM('HELD', 'RELEASED');--> statement-breakpoint
CREATE TABLE "inventory"."hold_lines" (
	"order_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "hold_lines_order_id_product_id_pk" PRIMARY KEY("order_id","product_id"),
	CONSTRAINT "hold_lines_quantity_positive" CHECK ("inventory"."hold_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "inventory"."holds" (
	"order_id" integer PRIMARY KEY NOT NULL,
	"state" "inventory"."hold_state" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inventory"."hold_lines" ADD CONSTRAINT "hold_lines_order_id_holds_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "inventory"."holds"("order_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hold_lines_product_idx" ON "inventory"."hold_lines" USING btree ("product_id");