-- The service level report sums kept counts for the whole months of its period instead of counting every
-- clock of the period (docs/performance.md): PostgreSQL appends, for every statement that writes clocks, how
-- many moved between the counts (+n, -n); rows are only ever added, so writers never wait for one another, and
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
-- the counts moved by one statement: clocks added (inserted, or as they are after an update) count +1 where
-- they stand, clocks removed (deleted, or as they were before an update) -1; an item counts once per
-- agreement and month, so it moves only when its first clock there comes or its last one goes
CREATE FUNCTION keel_count_clocks(added sla_clocks[], removed sla_clocks[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS (
    SELECT 1 AS sign, x.* FROM unnest(added) x
    UNION ALL SELECT -1, x.* FROM unnest(removed) x),
  keyed AS (
    SELECT ch.sign, ch.agreement_id, ch.work_item_id, ch.recorded_at, ch.item_type, ch.service_id, ch.metric,
           ch.priority, keel_report_month(ch.recorded_at, k.time_zone) AS month,
           keel_clock_state(ch.state, ch.breached_at, ch.pause_reason) AS state
      FROM changed ch JOIN agreements a ON a.id = ch.agreement_id JOIN business_calendars k ON k.id = a.calendar_id
     WHERE ch.recorded_at IS NOT NULL),
  clocks AS (
    INSERT INTO sla_clock_counts (agreement_id, month, metric, priority, service_id, state, n)
    SELECT agreement_id, month, metric, priority, service_id, state, sum(sign)
      FROM keyed GROUP BY agreement_id, month, metric, priority, service_id, state HAVING sum(sign) <> 0),
  items AS (
    SELECT agreement_id, work_item_id, recorded_at, item_type, month, sum(sign) AS net
      FROM keyed GROUP BY agreement_id, work_item_id, recorded_at, item_type, month HAVING sum(sign) <> 0)
  INSERT INTO sla_item_counts (agreement_id, month, item_type, n)
  SELECT i.agreement_id, i.month, i.item_type, sum(d.n)
    FROM items i CROSS JOIN LATERAL (
      SELECT (count(*) > 0)::int - (count(*) - i.net > 0)::int AS n FROM sla_clocks c
       WHERE c.work_item_id = i.work_item_id AND c.agreement_id = i.agreement_id
         AND c.recorded_at = i.recorded_at AND c.item_type = i.item_type) d
   GROUP BY i.agreement_id, i.month, i.item_type HAVING sum(d.n) <> 0;
END $$;--> statement-breakpoint
CREATE FUNCTION keel_clock_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM keel_count_clocks(ARRAY(SELECT a::sla_clocks FROM keel_added a), '{}');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM keel_count_clocks('{}', ARRAY(SELECT r::sla_clocks FROM keel_removed r));
  ELSE
    PERFORM keel_count_clocks(ARRAY(SELECT a::sla_clocks FROM keel_added a), ARRAY(SELECT r::sla_clocks FROM keel_removed r));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER sla_clocks_counts_insert AFTER INSERT ON "sla_clocks" REFERENCING NEW TABLE AS keel_added
  FOR EACH STATEMENT EXECUTE FUNCTION keel_clock_counts();--> statement-breakpoint
CREATE TRIGGER sla_clocks_counts_update AFTER UPDATE ON "sla_clocks"
  REFERENCING OLD TABLE AS keel_removed NEW TABLE AS keel_added
  FOR EACH STATEMENT EXECUTE FUNCTION keel_clock_counts();--> statement-breakpoint
CREATE TRIGGER sla_clocks_counts_delete AFTER DELETE ON "sla_clocks" REFERENCING OLD TABLE AS keel_removed
  FOR EACH STATEMENT EXECUTE FUNCTION keel_clock_counts();--> statement-breakpoint
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
