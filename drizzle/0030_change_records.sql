CREATE TABLE "change_cis" (
	"work_item_id" uuid NOT NULL,
	"ci_id" uuid NOT NULL,
	CONSTRAINT "change_cis_work_item_id_ci_id_pk" PRIMARY KEY("work_item_id","ci_id")
);
--> statement-breakpoint
CREATE TABLE "changes" (
	"work_item_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"risk" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"implementation_plan" text DEFAULT '' NOT NULL,
	"backout_plan" text DEFAULT '' NOT NULL,
	"planned_start" timestamp with time zone,
	"planned_end" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"implemented_at" timestamp with time zone,
	"outcome" text,
	"outcome_note" text DEFAULT '' NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "change_cis" ADD CONSTRAINT "change_cis_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_cis" ADD CONSTRAINT "change_cis_ci_id_cis_id_fk" FOREIGN KEY ("ci_id") REFERENCES "public"."cis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "change_cis_ci_idx" ON "change_cis" USING btree ("ci_id");--> statement-breakpoint
CREATE INDEX "changes_implemented_idx" ON "changes" USING btree ("implemented_at");--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_kind_check" CHECK ("kind" in ('standard', 'normal', 'emergency'));--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_risk_check" CHECK ("risk" in ('low', 'medium', 'high'));--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_outcome_check" CHECK ("outcome" in ('successful', 'failed', 'backed_out'));
