-- The service level report reads one agreement's clocks and their items from indexes alone (docs/performance.md):
-- the clocks by agreement with what the report counts them by (including why a paused clock is paused, kept by
-- PostgreSQL from the clock's history), the items by time of recording with their type and service. Adding the
-- generated column rewrites sla_clocks once.
DROP INDEX "work_items_created_idx";--> statement-breakpoint
DROP INDEX "sla_clocks_agreement_idx";--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "pause_reason" text GENERATED ALWAYS AS (case when state = 'paused' then events->-1->>'reason' end) STORED;--> statement-breakpoint
CREATE INDEX "work_items_created_idx" ON "work_items" USING btree ("created_at","id","type","service_id");--> statement-breakpoint
CREATE INDEX "sla_clocks_agreement_idx" ON "sla_clocks" USING btree ("agreement_id","id","work_item_id","metric","priority","state","deadline","breached_at","pause_reason");