-- A work item's due date is the earliest deadline among its running clocks. PostgreSQL keeps it, once per
-- statement that writes clocks, for every item whose clocks that statement wrote: a command moving two clocks
-- no longer sends an update of the item after each (docs/performance.md), and no write path can forget it.
CREATE FUNCTION keel_clock_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE work_items w SET due_at = d.due
    FROM (SELECT c.work_item_id, min(c.deadline) FILTER (WHERE c.state = 'running') AS due
            FROM sla_clocks c WHERE c.work_item_id IN (SELECT work_item_id FROM changed)
           GROUP BY c.work_item_id) d
   WHERE w.id = d.work_item_id AND w.due_at IS DISTINCT FROM d.due;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER sla_clocks_due_insert AFTER INSERT ON "sla_clocks" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION keel_clock_due();--> statement-breakpoint
CREATE TRIGGER sla_clocks_due_update AFTER UPDATE ON "sla_clocks" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION keel_clock_due();
