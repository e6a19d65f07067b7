CREATE INDEX "cis_updated_idx" ON "cis" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "cis_name_trgm_idx" ON "cis" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cis_external_id_trgm_idx" ON "cis" USING gin ("external_id" gin_trgm_ops);