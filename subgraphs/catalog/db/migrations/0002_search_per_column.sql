DROP INDEX "catalog"."products_search_trgm_idx";--> statement-breakpoint
CREATE INDEX "products_name_trgm_idx" ON "catalog"."products" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "products_description_trgm_idx" ON "catalog"."products" USING gin ("description" gin_trgm_ops);