CREATE TABLE "audit_checklist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"clause" text NOT NULL,
	"position" integer NOT NULL,
	"question" text NOT NULL,
	"answer" text,
	"notes" text DEFAULT '' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"cycle_start" date NOT NULL,
	"cycle_end" date NOT NULL,
	"objectives" text DEFAULT '' NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"owner_id" uuid NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"programme_id" uuid,
	"title" text NOT NULL,
	"scope_clauses" text[] DEFAULT '{}'::text[] NOT NULL,
	"scope_processes" text[] DEFAULT '{}'::text[] NOT NULL,
	"scope_service_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"criteria" text DEFAULT '' NOT NULL,
	"lead_auditor_id" uuid NOT NULL,
	"team_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"auditee_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"started_at" timestamp with time zone,
	"state" text DEFAULT 'planned' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"conclusion" text DEFAULT '' NOT NULL,
	"reported_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"audit_id" uuid,
	"checklist_item_id" uuid,
	"kind" text NOT NULL,
	"clause" text NOT NULL,
	"process_key" text,
	"title" text NOT NULL,
	"statement" text DEFAULT '' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"raised_by" uuid,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"nonconformity_id" uuid,
	"improvement_id" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"improvement_id" uuid NOT NULL,
	"title" text NOT NULL,
	"responsible_id" uuid,
	"due" date,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "improvement_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"higher_is_better" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"source_ref" text DEFAULT '' NOT NULL,
	"service_id" uuid,
	"process_key" text,
	"objective_id" uuid,
	"owner_id" uuid,
	"state" text DEFAULT 'proposed' NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"score" double precision,
	"decision_reason" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"target_date" date,
	"kpi_key" text,
	"baseline" double precision,
	"target" double precision,
	"measured" double precision,
	"benefits" text DEFAULT '' NOT NULL,
	"realised_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "corrective_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_item_id" uuid NOT NULL,
	"title" text NOT NULL,
	"responsible_id" uuid NOT NULL,
	"due" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_note" text DEFAULT '' NOT NULL,
	"escalated_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nonconformities" (
	"work_item_id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"source_ref" text DEFAULT '' NOT NULL,
	"finding_id" uuid,
	"severity" text NOT NULL,
	"clause" text,
	"process_key" text,
	"correction" text DEFAULT '' NOT NULL,
	"corrected_at" timestamp with time zone,
	"root_cause" text DEFAULT '' NOT NULL,
	"root_cause_method" text DEFAULT '' NOT NULL,
	"similar" text DEFAULT '' NOT NULL,
	"effectiveness_due" date,
	"effectiveness" text,
	"effectiveness_note" text DEFAULT '' NOT NULL,
	"effectiveness_by" uuid,
	"effectiveness_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "nonconformity_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"closed_by" text DEFAULT 'either' NOT NULL,
	"effectiveness_days" integer DEFAULT 60 NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clause_applicability" (
	"clause" text PRIMARY KEY NOT NULL,
	"applicable" boolean NOT NULL,
	"justification" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_packs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"made_by" uuid,
	"made_at" timestamp with time zone DEFAULT now() NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"manifest_sha256" text NOT NULL,
	"audit_head_id" text,
	"audit_head_hash" text,
	"files" integer NOT NULL,
	"bytes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_rule_settings" (
	"rule" text PRIMARY KEY NOT NULL,
	"max_age_days" integer NOT NULL,
	"min_count" integer DEFAULT 1 NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "own_requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"clause" text,
	"owner_id" uuid,
	"evidence" text DEFAULT '' NOT NULL,
	"review_months" integer DEFAULT 12 NOT NULL,
	"last_reviewed_at" timestamp with time zone,
	"retired" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_distributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"schedule_id" uuid NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"recipients" text[] NOT NULL,
	"files" jsonb NOT NULL,
	"status" text NOT NULL,
	"error" text DEFAULT '' NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"agreement_id" uuid,
	"frequency" text NOT NULL,
	"formats" text[] NOT NULL,
	"recipient_ids" uuid[] NOT NULL,
	"recipient_addresses" text[] NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "management_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"meeting_on" date NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"chair_id" uuid,
	"state" text DEFAULT 'planned' NOT NULL,
	"commentary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prepared_by" uuid,
	"prepared_at" timestamp with time zone,
	"inputs" jsonb,
	"held_at" timestamp with time zone,
	"minutes" text DEFAULT '' NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"reminded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "management_review_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"decision_id" uuid,
	"title" text NOT NULL,
	"responsible_id" uuid,
	"due" date,
	"done_at" timestamp with time zone,
	"done_note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "management_review_attendees" (
	"review_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"attended" boolean,
	CONSTRAINT "management_review_attendees_review_id_user_id_pk" PRIMARY KEY("review_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "management_review_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"topic" text DEFAULT 'other' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "management_review_schedule" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"every_months" integer DEFAULT 12 NOT NULL,
	"remind_days" integer DEFAULT 14 NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_checklist_items" ADD CONSTRAINT "audit_checklist_items_audit_id_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_checklist_items" ADD CONSTRAINT "audit_checklist_items_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_programmes" ADD CONSTRAINT "audit_programmes_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_programmes" ADD CONSTRAINT "audit_programmes_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_programmes" ADD CONSTRAINT "audit_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_programme_id_audit_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."audit_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_lead_auditor_id_users_id_fk" FOREIGN KEY ("lead_auditor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_audit_id_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_checklist_item_id_audit_checklist_items_id_fk" FOREIGN KEY ("checklist_item_id") REFERENCES "public"."audit_checklist_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_improvement_id_improvements_id_fk" FOREIGN KEY ("improvement_id") REFERENCES "public"."improvements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvements" ADD CONSTRAINT "improvements_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvements" ADD CONSTRAINT "improvements_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvements" ADD CONSTRAINT "improvements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrective_actions" ADD CONSTRAINT "corrective_actions_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrective_actions" ADD CONSTRAINT "corrective_actions_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrective_actions" ADD CONSTRAINT "corrective_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_effectiveness_by_users_id_fk" FOREIGN KEY ("effectiveness_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformity_settings" ADD CONSTRAINT "nonconformity_settings_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_applicability" ADD CONSTRAINT "clause_applicability_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_packs" ADD CONSTRAINT "evidence_packs_made_by_users_id_fk" FOREIGN KEY ("made_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_rule_settings" ADD CONSTRAINT "evidence_rule_settings_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "own_requirements" ADD CONSTRAINT "own_requirements_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "own_requirements" ADD CONSTRAINT "own_requirements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_distributions" ADD CONSTRAINT "report_distributions_schedule_id_report_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."report_schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_schedules" ADD CONSTRAINT "report_schedules_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_chair_id_users_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_actions" ADD CONSTRAINT "management_review_actions_review_id_management_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."management_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_actions" ADD CONSTRAINT "management_review_actions_decision_id_management_review_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."management_review_decisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_actions" ADD CONSTRAINT "management_review_actions_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_attendees" ADD CONSTRAINT "management_review_attendees_review_id_management_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."management_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_attendees" ADD CONSTRAINT "management_review_attendees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_decisions" ADD CONSTRAINT "management_review_decisions_review_id_management_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."management_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_decisions" ADD CONSTRAINT "management_review_decisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_schedule" ADD CONSTRAINT "management_review_schedule_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_checklist_items_audit_idx" ON "audit_checklist_items" USING btree ("audit_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_programmes_code_key" ON "audit_programmes" USING btree (lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "audits_code_key" ON "audits" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "audits_programme_idx" ON "audits" USING btree ("programme_id","planned_start");--> statement-breakpoint
CREATE INDEX "audits_planned_idx" ON "audits" USING btree ("planned_start");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_code_key" ON "findings" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "findings_audit_idx" ON "findings" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "findings_raised_idx" ON "findings" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "improvement_actions_improvement_idx" ON "improvement_actions" USING btree ("improvement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "improvement_criteria_key_key" ON "improvement_criteria" USING btree (lower("key"));--> statement-breakpoint
CREATE UNIQUE INDEX "improvements_code_key" ON "improvements" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "improvements_state_idx" ON "improvements" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "corrective_actions_item_idx" ON "corrective_actions" USING btree ("work_item_id");--> statement-breakpoint
CREATE INDEX "corrective_actions_due_idx" ON "corrective_actions" USING btree ("due");--> statement-breakpoint
CREATE INDEX "nonconformities_finding_idx" ON "nonconformities" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "evidence_packs_made_at_idx" ON "evidence_packs" USING btree ("made_at");--> statement-breakpoint
CREATE UNIQUE INDEX "own_requirements_code_key" ON "own_requirements" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "report_distributions_schedule_idx" ON "report_distributions" USING btree ("schedule_id","period_from");--> statement-breakpoint
CREATE UNIQUE INDEX "management_reviews_code_key" ON "management_reviews" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "management_reviews_meeting_idx" ON "management_reviews" USING btree ("meeting_on");--> statement-breakpoint
CREATE INDEX "management_review_actions_review_idx" ON "management_review_actions" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "management_review_actions_open_idx" ON "management_review_actions" USING btree ("due") WHERE "management_review_actions"."done_at" is null;--> statement-breakpoint
CREATE INDEX "management_review_decisions_review_idx" ON "management_review_decisions" USING btree ("review_id");--> statement-breakpoint
ALTER TABLE "audit_programmes" ADD CONSTRAINT "audit_programmes_state_check" CHECK ("state" in ('draft','approved','closed'));--> statement-breakpoint
ALTER TABLE "audit_programmes" ADD CONSTRAINT "audit_programmes_cycle_check" CHECK ("cycle_end" > "cycle_start");--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_state_check" CHECK ("state" in ('planned','in_progress','reporting','completed','cancelled'));--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_dates_check" CHECK ("planned_end" >= "planned_start");--> statement-breakpoint
ALTER TABLE "audit_checklist_items" ADD CONSTRAINT "audit_checklist_items_answer_check" CHECK ("answer" is null or "answer" in ('conformity','observation','finding','not_applicable'));--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_kind_check" CHECK ("kind" in ('major_nc','minor_nc','observation','ofi'));--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_nonconformity_id_work_items_id_fk" FOREIGN KEY ("nonconformity_id") REFERENCES "public"."work_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_improvement_id_improvements_id_fk" FOREIGN KEY ("improvement_id") REFERENCES "public"."improvements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_source_check" CHECK ("source" in ('audit','incident','pir','complaint','review','other'));--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_severity_check" CHECK ("severity" in ('major','minor'));--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_effectiveness_check" CHECK ("effectiveness" is null or "effectiveness" in ('effective','not_effective'));--> statement-breakpoint
ALTER TABLE "nonconformity_settings" ADD CONSTRAINT "nonconformity_settings_closed_by_check" CHECK ("closed_by" in ('auditor','process_owner','either'));--> statement-breakpoint
ALTER TABLE "nonconformity_settings" ADD CONSTRAINT "nonconformity_settings_one_row" CHECK ("id" = 1);--> statement-breakpoint
ALTER TABLE "nonconformity_settings" ADD CONSTRAINT "nonconformity_settings_days_check" CHECK ("effectiveness_days" between 1 and 730);--> statement-breakpoint
ALTER TABLE "improvements" ADD CONSTRAINT "improvements_state_check" CHECK ("state" in ('proposed','approved','rejected','in_progress','realised','withdrawn'));--> statement-breakpoint
ALTER TABLE "improvements" ADD CONSTRAINT "improvements_source_check" CHECK ("source" in ('audit','pir','problem','feedback','objective','review','nonconformity','idea'));--> statement-breakpoint
ALTER TABLE "improvements" ADD CONSTRAINT "improvements_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvements" ADD CONSTRAINT "improvements_objective_id_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."objectives"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_criteria" ADD CONSTRAINT "improvement_criteria_weight_check" CHECK ("weight" between 1 and 5);--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_state_check" CHECK ("state" in ('planned','prepared','held','approved','cancelled'));--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_period_check" CHECK ("period_to" >= "period_from");--> statement-breakpoint
ALTER TABLE "management_review_schedule" ADD CONSTRAINT "management_review_schedule_one_row" CHECK ("id" = 1);--> statement-breakpoint
ALTER TABLE "management_review_schedule" ADD CONSTRAINT "management_review_schedule_check" CHECK ("every_months" between 1 and 36 and "remind_days" between 0 and 90);--> statement-breakpoint
ALTER TABLE "management_review_decisions" ADD CONSTRAINT "management_review_decisions_topic_check" CHECK ("topic" in ('improvement','change','resources','other'));--> statement-breakpoint
ALTER TABLE "report_schedules" ADD CONSTRAINT "report_schedules_kind_check" CHECK ("kind" in ('service_level','kpi_pack','review_pack'));--> statement-breakpoint
ALTER TABLE "report_schedules" ADD CONSTRAINT "report_schedules_frequency_check" CHECK ("frequency" in ('monthly','quarterly'));--> statement-breakpoint
ALTER TABLE "report_schedules" ADD CONSTRAINT "report_schedules_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_distributions" ADD CONSTRAINT "report_distributions_status_check" CHECK ("status" in ('sent','failed'));--> statement-breakpoint
ALTER TABLE "own_requirements" ADD CONSTRAINT "own_requirements_source_check" CHECK ("source" in ('contract','legal','regulatory','customer','internal'));--> statement-breakpoint
ALTER TABLE "evidence_rule_settings" ADD CONSTRAINT "evidence_rule_settings_check" CHECK ("max_age_days" between 1 and 3660 and "min_count" between 1 and 100000);--> statement-breakpoint
INSERT INTO "improvement_criteria" ("key", "name", "description", "weight", "higher_is_better", "position") VALUES
  ('benefit', 'Benefit', 'What it brings customers, users or the provider', 3, true, 1),
  ('effort', 'Effort', 'The work and money it takes', 2, false, 2),
  ('risk', 'Risk', 'What could go wrong in doing it', 1, false, 3),
  ('alignment', 'Alignment', 'How far it serves the service management objectives', 2, true, 4);
