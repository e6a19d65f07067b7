CREATE INDEX "work_item_comments_created_idx" ON "work_item_comments" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sla_clocks_agreement_idx" ON "sla_clocks" USING btree ("agreement_id");--> statement-breakpoint
-- Work item numbers come from a sequence per type (src/kernel/records/numbering.ts): drawing one takes no
-- lock, so creates of one type no longer wait for each other. Each starts after the type's counter.
CREATE SEQUENCE "work_item_number_incident";--> statement-breakpoint
CREATE SEQUENCE "work_item_number_request";--> statement-breakpoint
CREATE SEQUENCE "work_item_number_task";--> statement-breakpoint
SELECT setval(('work_item_number_' || "type")::regclass, "last") FROM "work_item_counters"
 WHERE "type" IN ('incident', 'request', 'task') AND "last" > 0;
