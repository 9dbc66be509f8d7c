DROP INDEX "orders"."orders_buyer_placed_idx";--> statement-breakpoint
CREATE INDEX "orders_buyer_placed_idx" ON "orders"."orders" USING btree ("buyer_id","placed_at","id");