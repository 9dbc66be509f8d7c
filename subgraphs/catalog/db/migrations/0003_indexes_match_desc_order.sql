DROP INDEX "catalog"."products_newest_idx";--> statement-breakpoint
DROP INDEX "catalog"."products_category_newest_idx";--> statement-breakpoint
CREATE INDEX "products_newest_idx" ON "catalog"."products" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "products_category_newest_idx" ON "catalog"."products" USING btree ("category_id","created_at","id");