CREATE TABLE "agreement_services" (
	"agreement_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	CONSTRAINT "agreement_services_agreement_id_service_id_pk" PRIMARY KEY("agreement_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_targets" (
	"agreement_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"priority" integer NOT NULL,
	"minutes" integer NOT NULL,
	"warn_percent" integer DEFAULT 75 NOT NULL,
	CONSTRAINT "agreement_targets_agreement_id_metric_priority_pk" PRIMARY KEY("agreement_id","metric","priority")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"customer_id" uuid,
	"supplier_ci_id" uuid,
	"internal_party" text,
	"calendar_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"workload_limits" text DEFAULT '' NOT NULL,
	"exceptions" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "business_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"week" jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_services" ADD CONSTRAINT "agreement_services_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_services" ADD CONSTRAINT "agreement_services_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_targets" ADD CONSTRAINT "agreement_targets_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_supplier_ci_id_cis_id_fk" FOREIGN KEY ("supplier_ci_id") REFERENCES "public"."cis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_services_service_idx" ON "agreement_services" USING btree ("service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_name_key" ON "agreements" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "agreements_customer_idx" ON "agreements" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "business_calendars_name_key" ON "business_calendars" USING btree (lower("name"));