-- The service level report sums kept counts for the whole months of its period instead of counting every
-- clock of the period (docs/performance.md): PostgreSQL appends, for every clock written, where it stood (-1) and
-- where it stands (+1); rows are only ever added, so writers never wait for one another, and
-- Keel folds each group's rows into one now and then (keel_fold_clock_counts). A month is a month in the
-- agreement's calendar's time zone; when that zone changes, Keel counts the agreement's clocks anew
-- (keel_rebuild_clock_counts).
CREATE TABLE "sla_clock_counts" (
	"agreement_id" uuid NOT NULL,
	"month" date NOT NULL,
	"metric" text NOT NULL,
	"priority" integer NOT NULL,
	"service_id" uuid,
	"state" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_item_counts" (
	"agreement_id" uuid NOT NULL,
	"month" date NOT NULL,
	"item_type" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sla_clock_counts_month_idx" ON "sla_clock_counts" USING btree ("agreement_id","month","metric","priority","service_id","state","n");--> statement-breakpoint
CREATE INDEX "sla_item_counts_month_idx" ON "sla_item_counts" USING btree ("agreement_id","month");--> statement-breakpoint
CREATE INDEX "sla_clocks_overdue_idx" ON "sla_clocks" USING btree ("agreement_id","deadline") WHERE "sla_clocks"."state" = 'running' and "sla_clocks"."breached_at" is null;--> statement-breakpoint
CREATE FUNCTION keel_report_month(at timestamptz, zone text) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date_trunc('month', at AT TIME ZONE zone)::date $$;--> statement-breakpoint
-- where a clock stands in the counts: 'running' clocks are decided when the report reads them (missed once
-- past their deadline, open before); the agreements report's clockOutcome builds on this
CREATE FUNCTION keel_clock_state(state text, breached_at timestamptz, pause_reason text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN breached_at IS NOT NULL THEN 'missed'
              WHEN state = 'running' THEN 'running'
              WHEN state = 'paused' AND coalesce(pause_reason, '') <> 'resolved' THEN 'open'
              ELSE 'met' END $$;--> statement-breakpoint
-- the month an agreement counts an instant in (null for a clock without its item's time of recording)
CREATE FUNCTION keel_clock_month(agreement uuid, at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT keel_report_month(at, k.time_zone) FROM agreements a JOIN business_calendars k ON k.id = a.calendar_id
   WHERE a.id = agreement $$;--> statement-breakpoint
-- a clock written moves the counts: -1 where it stood, +1 where it stands. Row by row, before the row is
-- written, so that a statement writing several clocks of one item (inserting, moving them to another month,
-- deleting them) sees the ones it has already written: the item counts +1 when its first clock of the
-- agreement and time of recording comes, -1 when its last one goes. It fires after sla_clocks_item (triggers
-- fire in the order of their names), which has filled in the item's time of recording, type and service.
CREATE FUNCTION keel_clock_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_state text;
  new_state text;
  was_month date;
  new_month date;
  item_moved boolean := true;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    was_state := keel_clock_state(OLD.state, OLD.breached_at, OLD.pause_reason);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    -- what the generated pause_reason will be: it is not worked out before the row is written
    new_state := keel_clock_state(NEW.state, NEW.breached_at,
                                  CASE WHEN NEW.state = 'paused' THEN NEW.events->-1->>'reason' END);
  END IF;
  IF TG_OP = 'UPDATE' THEN
    item_moved := (OLD.agreement_id, OLD.work_item_id, OLD.recorded_at, OLD.item_type)
                  IS DISTINCT FROM (NEW.agreement_id, NEW.work_item_id, NEW.recorded_at, NEW.item_type);
    IF NOT item_moved AND was_state = new_state
       AND (OLD.metric, OLD.priority, OLD.service_id) IS NOT DISTINCT FROM (NEW.metric, NEW.priority, NEW.service_id) THEN
      RETURN NEW; -- a warning recorded, a deadline moved: the counts stay as they are
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    was_month := keel_clock_month(OLD.agreement_id, OLD.recorded_at);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_month := CASE WHEN NOT item_moved THEN was_month ELSE keel_clock_month(NEW.agreement_id, NEW.recorded_at) END;
  END IF;
  IF was_month IS NOT NULL THEN
    INSERT INTO sla_clock_counts (agreement_id, month, metric, priority, service_id, state, n)
    VALUES (OLD.agreement_id, was_month, OLD.metric, OLD.priority, OLD.service_id, was_state, -1);
    IF item_moved AND NOT EXISTS (
         SELECT 1 FROM sla_clocks c WHERE c.work_item_id = OLD.work_item_id AND c.id <> OLD.id
            AND c.agreement_id = OLD.agreement_id AND c.recorded_at = OLD.recorded_at AND c.item_type = OLD.item_type) THEN
      INSERT INTO sla_item_counts (agreement_id, month, item_type, n) VALUES (OLD.agreement_id, was_month, OLD.item_type, -1);
    END IF;
  END IF;
  IF new_month IS NOT NULL THEN
    INSERT INTO sla_clock_counts (agreement_id, month, metric, priority, service_id, state, n)
    VALUES (NEW.agreement_id, new_month, NEW.metric, NEW.priority, NEW.service_id, new_state, 1);
    IF item_moved AND NOT EXISTS (
         SELECT 1 FROM sla_clocks c WHERE c.work_item_id = NEW.work_item_id AND c.id <> NEW.id
            AND c.agreement_id = NEW.agreement_id AND c.recorded_at = NEW.recorded_at AND c.item_type = NEW.item_type) THEN
      INSERT INTO sla_item_counts (agreement_id, month, item_type, n) VALUES (NEW.agreement_id, new_month, NEW.item_type, 1);
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;--> statement-breakpoint
CREATE TRIGGER sla_clocks_tally BEFORE INSERT OR UPDATE OR DELETE ON "sla_clocks"
  FOR EACH ROW EXECUTE FUNCTION keel_clock_tally();--> statement-breakpoint
-- one agreement's counts (all agreements' for null) counted anew from its clocks, in one statement, so that a
-- clock written meanwhile counts exactly once: before this statement's snapshot, in what it counts (and its
-- rows are deleted); after it, in the rows its own statement appended (which this one cannot see)
CREATE FUNCTION keel_rebuild_clock_counts(agreement uuid) RETURNS void LANGUAGE sql AS $$
  WITH gone AS (DELETE FROM sla_clock_counts WHERE agreement IS NULL OR agreement_id = agreement),
  gone_items AS (DELETE FROM sla_item_counts WHERE agreement IS NULL OR agreement_id = agreement),
  clocks AS (
    SELECT c.agreement_id, keel_report_month(c.recorded_at, k.time_zone) AS month, c.work_item_id, c.item_type,
           c.metric, c.priority, c.service_id, keel_clock_state(c.state, c.breached_at, c.pause_reason) AS state
      FROM sla_clocks c JOIN agreements a ON a.id = c.agreement_id JOIN business_calendars k ON k.id = a.calendar_id
     WHERE (agreement IS NULL OR c.agreement_id = agreement) AND c.recorded_at IS NOT NULL),
  counted AS (
    INSERT INTO sla_clock_counts (agreement_id, month, metric, priority, service_id, state, n)
    SELECT agreement_id, month, metric, priority, service_id, state, count(*)
      FROM clocks GROUP BY agreement_id, month, metric, priority, service_id, state)
  INSERT INTO sla_item_counts (agreement_id, month, item_type, n)
  SELECT agreement_id, month, item_type, count(DISTINCT work_item_id) FROM clocks GROUP BY agreement_id, month, item_type
$$;--> statement-breakpoint
-- each group's rows summed into one (a group summing to nothing leaves none); rows are never updated, so two
-- folds at once each fold only the rows they deleted themselves
CREATE FUNCTION keel_fold_clock_counts() RETURNS void LANGUAGE sql AS $$
  WITH folded AS (
    DELETE FROM sla_clock_counts WHERE ctid IN (
      SELECT ctid FROM (
        SELECT ctid, count(*) OVER (PARTITION BY agreement_id, month, metric, priority, service_id, state) AS rows
          FROM sla_clock_counts) x WHERE rows > 1)
    RETURNING *)
  INSERT INTO sla_clock_counts (agreement_id, month, metric, priority, service_id, state, n)
  SELECT agreement_id, month, metric, priority, service_id, state, sum(n) FROM folded
   GROUP BY agreement_id, month, metric, priority, service_id, state HAVING sum(n) <> 0;
  WITH folded AS (
    DELETE FROM sla_item_counts WHERE ctid IN (
      SELECT ctid FROM (
        SELECT ctid, count(*) OVER (PARTITION BY agreement_id, month, item_type) AS rows FROM sla_item_counts) x
       WHERE rows > 1)
    RETURNING *)
  INSERT INTO sla_item_counts (agreement_id, month, item_type, n)
  SELECT agreement_id, month, item_type, sum(n) FROM folded GROUP BY agreement_id, month, item_type HAVING sum(n) <> 0
$$;--> statement-breakpoint
SELECT keel_rebuild_clock_counts(NULL);
