DROP INDEX "accounts"."users_created_at_idx";--> statement-breakpoint
CREATE INDEX "users_created_at_idx" ON "accounts"."users" USING btree ("created_at","id");