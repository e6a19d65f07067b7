CREATE TABLE "sla_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_item_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"agreement_id" uuid NOT NULL,
	"priority" integer NOT NULL,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'not_started' NOT NULL,
	"deadline" timestamp with time zone,
	"warn_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_clocks_key" ON "sla_clocks" USING btree ("work_item_id","metric");--> statement-breakpoint
CREATE INDEX "sla_clocks_deadline_idx" ON "sla_clocks" USING btree ("deadline") WHERE "sla_clocks"."state" = 'running';