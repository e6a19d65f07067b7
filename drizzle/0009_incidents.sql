CREATE TABLE "group_members" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"lead_id" uuid,
	"service_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "incident_escalations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"work_item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_group_id" uuid,
	"to_group_id" uuid,
	"level" integer,
	"reason" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"names" jsonb NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_cis" (
	"work_item_id" uuid NOT NULL,
	"ci_id" uuid NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "incident_cis_work_item_id_ci_id_pk" PRIMARY KEY("work_item_id","ci_id")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"work_item_id" uuid PRIMARY KEY NOT NULL,
	"impact" integer NOT NULL,
	"urgency" integer NOT NULL,
	"priority_overridden" boolean DEFAULT false NOT NULL,
	"category" text,
	"agreement_id" uuid,
	"pending_reason" text,
	"resolution_code" text,
	"resolution_text" text,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"major_owner_id" uuid,
	"major_declared_at" timestamp with time zone,
	"major_reason" text,
	"next_update_due" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "major_incident_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"work_item_id" uuid NOT NULL,
	"audience" text NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_incident_reviews" (
	"work_item_id" uuid PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"root_cause" text DEFAULT '' NOT NULL,
	"went_well" text DEFAULT '' NOT NULL,
	"improvements" text DEFAULT '' NOT NULL,
	"completed_by" uuid,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_matrix" (
	"impact" integer NOT NULL,
	"urgency" integer NOT NULL,
	"priority" integer NOT NULL,
	CONSTRAINT "priority_matrix_impact_urgency_pk" PRIMARY KEY("impact","urgency")
);
--> statement-breakpoint
CREATE TABLE "service_desk_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"reopen_days" integer DEFAULT 10 NOT NULL,
	"auto_close_days" integer DEFAULT 5 NOT NULL,
	"major_priority" integer DEFAULT 1 NOT NULL,
	"major_criticality" integer DEFAULT 1 NOT NULL,
	"burst_count" integer DEFAULT 5 NOT NULL,
	"burst_minutes" integer DEFAULT 15 NOT NULL,
	"major_update_minutes" integer DEFAULT 30 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "skills" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "service_id" uuid;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "final" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "major" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "pause_on" text[] DEFAULT '{customer}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "breach_reason" text;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_lead_id_users_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_escalations" ADD CONSTRAINT "incident_escalations_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_escalations" ADD CONSTRAINT "incident_escalations_from_group_id_groups_id_fk" FOREIGN KEY ("from_group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_escalations" ADD CONSTRAINT "incident_escalations_to_group_id_groups_id_fk" FOREIGN KEY ("to_group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_escalations" ADD CONSTRAINT "incident_escalations_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_cis" ADD CONSTRAINT "incident_cis_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_cis" ADD CONSTRAINT "incident_cis_ci_id_cis_id_fk" FOREIGN KEY ("ci_id") REFERENCES "public"."cis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_category_incident_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."incident_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_major_owner_id_users_id_fk" FOREIGN KEY ("major_owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_incident_updates" ADD CONSTRAINT "major_incident_updates_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_incident_updates" ADD CONSTRAINT "major_incident_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_incident_reviews" ADD CONSTRAINT "post_incident_reviews_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_incident_reviews" ADD CONSTRAINT "post_incident_reviews_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_members_user_idx" ON "group_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "groups_name_key" ON "groups" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "incident_escalations_item_idx" ON "incident_escalations" USING btree ("work_item_id","id");--> statement-breakpoint
CREATE INDEX "incident_cis_ci_idx" ON "incident_cis" USING btree ("ci_id");--> statement-breakpoint
CREATE INDEX "incidents_agreement_idx" ON "incidents" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "major_incident_updates_item_idx" ON "major_incident_updates" USING btree ("work_item_id","id");--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_items_open_queue_idx" ON "work_items" USING btree (coalesce("priority", 9),"created_at","id") WHERE not "work_items"."final";--> statement-breakpoint
CREATE INDEX "work_items_open_assignee_idx" ON "work_items" USING btree ("assignee_id",coalesce("priority", 9),"created_at","id") WHERE not "work_items"."final";--> statement-breakpoint
CREATE INDEX "work_items_open_group_idx" ON "work_items" USING btree ("group_id",coalesce("priority", 9),"created_at","id") WHERE not "work_items"."final";--> statement-breakpoint
CREATE INDEX "work_items_open_major_idx" ON "work_items" USING btree (coalesce("priority", 9),"created_at","id") WHERE not "work_items"."final" and "work_items"."major";--> statement-breakpoint
CREATE INDEX "work_items_open_due_idx" ON "work_items" USING btree (coalesce("due_at", 'infinity'::timestamptz),"id") WHERE not "work_items"."final";--> statement-breakpoint
CREATE INDEX "work_items_requester_idx" ON "work_items" USING btree ("requester_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "work_items_updated_idx" ON "work_items" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "work_items_created_idx" ON "work_items" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "work_items_service_idx" ON "work_items" USING btree ("service_id","created_at");--> statement-breakpoint
CREATE INDEX "work_items_customer_idx" ON "work_items" USING btree ("customer_id","updated_at");