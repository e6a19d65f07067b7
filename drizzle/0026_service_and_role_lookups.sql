-- A service's recent incidents are counted from its index alone (the burst check for a possible major incident),
-- and notifications to a role find its holders by index.
DROP INDEX "work_items_service_idx";--> statement-breakpoint
CREATE INDEX "user_roles_role_idx" ON "user_roles" USING btree ("role","user_id");--> statement-breakpoint
CREATE INDEX "work_items_service_idx" ON "work_items" USING btree ("service_id","created_at","type");