ALTER TABLE "orders"."orders" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "orders"."orders" ADD COLUMN "rejection" jsonb;--> statement-breakpoint
ALTER TABLE "orders"."orders" ADD COLUMN "release_due" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_release_due_idx" ON "orders"."orders" USING btree ("id") WHERE "orders"."orders"."release_due";