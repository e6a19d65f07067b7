CREATE TABLE "ci_audit_items" (
	"audit_id" uuid NOT NULL,
	"ci_id" uuid NOT NULL,
	"result" text,
	"discrepancy" text,
	"follow_up" text,
	"follow_up_done" boolean DEFAULT false NOT NULL,
	"checked_by" uuid,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ci_audits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"class_key" text,
	"sample_size" integer,
	"planned_for" date NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"auditor_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ci_audit_items" ADD CONSTRAINT "ci_audit_items_audit_id_ci_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."ci_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_audit_items" ADD CONSTRAINT "ci_audit_items_ci_id_cis_id_fk" FOREIGN KEY ("ci_id") REFERENCES "public"."cis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_audit_items" ADD CONSTRAINT "ci_audit_items_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_audits" ADD CONSTRAINT "ci_audits_class_key_ci_classes_key_fk" FOREIGN KEY ("class_key") REFERENCES "public"."ci_classes"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_audits" ADD CONSTRAINT "ci_audits_auditor_id_users_id_fk" FOREIGN KEY ("auditor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_audits" ADD CONSTRAINT "ci_audits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ci_audit_items_key" ON "ci_audit_items" USING btree ("audit_id","ci_id");--> statement-breakpoint
CREATE INDEX "ci_audit_items_ci_idx" ON "ci_audit_items" USING btree ("ci_id");