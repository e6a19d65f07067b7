-- Deadlines, review dates and due dates are calendar days. They were stored as midnight UTC, so each keeps
-- the UTC day it was stored on (not the day in the server's time zone).
ALTER TABLE "objective_actions" ALTER COLUMN "due" SET DATA TYPE date USING ("due" at time zone 'UTC')::date;--> statement-breakpoint
ALTER TABLE "objectives" ALTER COLUMN "deadline" SET DATA TYPE date USING ("deadline" at time zone 'UTC')::date;--> statement-breakpoint
ALTER TABLE "risk_actions" ALTER COLUMN "due" SET DATA TYPE date USING ("due" at time zone 'UTC')::date;--> statement-breakpoint
ALTER TABLE "risks" ALTER COLUMN "review_due" SET DATA TYPE date USING ("review_due" at time zone 'UTC')::date;--> statement-breakpoint
-- Risk review reminders already queued name their day the new way and run at 07:00 UTC of it, as a new one would.
UPDATE "jobs"
   SET "payload" = jsonb_set("payload", '{due}', to_jsonb(left("payload"->>'due', 10))),
       "unique_key" = 'risk-review:' || ("payload"->>'riskId') || ':' || left("payload"->>'due', 10),
       "due_at" = (left("payload"->>'due', 10) || ' 07:00:00+00')::timestamptz
 WHERE "kind" = 'risk.review_due' AND "state" = 'queued';
