DROP INDEX "reviews"."reviews_product_newest_idx";--> statement-breakpoint
DROP INDEX "reviews"."reviews_author_newest_idx";--> statement-breakpoint
CREATE INDEX "reviews_product_newest_idx" ON "reviews"."reviews" USING btree ("product_id","created_at","id");--> statement-breakpoint
CREATE INDEX "reviews_author_newest_idx" ON "reviews"."reviews" USING btree ("author_id","created_at","id");