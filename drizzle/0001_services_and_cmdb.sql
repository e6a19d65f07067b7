CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ci_classes" (
	"key" text PRIMARY KEY NOT NULL,
	"names" jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ci_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ci_id" uuid NOT NULL,
	"field" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"actor_id" uuid,
	"change_ref" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ci_relationship_types" (
	"key" text PRIMARY KEY NOT NULL,
	"forward" jsonb NOT NULL,
	"reverse" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ci_relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"type_key" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_key" text NOT NULL,
	"name" text NOT NULL,
	"external_id" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"owner_id" uuid,
	"location_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"purchase_date" date,
	"supplier" text,
	"cost" numeric(14, 2),
	"warranty_end" date,
	"disposal_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_customers" (
	"service_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	CONSTRAINT "service_customers_service_id_customer_id_pk" PRIMARY KEY("service_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ci_id" uuid NOT NULL,
	"kind" text DEFAULT 'business' NOT NULL,
	"status" text DEFAULT 'pipeline' NOT NULL,
	"owner_id" uuid,
	"criticality" integer DEFAULT 3 NOT NULL,
	"requirements" text DEFAULT '' NOT NULL,
	"hours_of_service" text DEFAULT '' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"catalogue" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "services_ci_id_unique" UNIQUE("ci_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
ALTER TABLE "ci_history" ADD CONSTRAINT "ci_history_ci_id_cis_id_fk" FOREIGN KEY ("ci_id") REFERENCES "public"."cis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_history" ADD CONSTRAINT "ci_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_relationships" ADD CONSTRAINT "ci_relationships_source_id_cis_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."cis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_relationships" ADD CONSTRAINT "ci_relationships_target_id_cis_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."cis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_relationships" ADD CONSTRAINT "ci_relationships_type_key_ci_relationship_types_key_fk" FOREIGN KEY ("type_key") REFERENCES "public"."ci_relationship_types"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_relationships" ADD CONSTRAINT "ci_relationships_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cis" ADD CONSTRAINT "cis_class_key_ci_classes_key_fk" FOREIGN KEY ("class_key") REFERENCES "public"."ci_classes"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cis" ADD CONSTRAINT "cis_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_customers" ADD CONSTRAINT "service_customers_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_customers" ADD CONSTRAINT "service_customers_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_ci_id_cis_id_fk" FOREIGN KEY ("ci_id") REFERENCES "public"."cis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_code_key" ON "customers" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "ci_history_ci_idx" ON "ci_history" USING btree ("ci_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ci_relationships_key" ON "ci_relationships" USING btree ("source_id","target_id","type_key");--> statement-breakpoint
CREATE INDEX "ci_relationships_target_idx" ON "ci_relationships" USING btree ("target_id","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cis_class_name_key" ON "cis" USING btree ("class_key",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "cis_external_id_key" ON "cis" USING btree ("external_id") WHERE "cis"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "cis_status_idx" ON "cis" USING btree ("status");--> statement-breakpoint
CREATE INDEX "cis_name_idx" ON "cis" USING btree (lower("name"),"id");--> statement-breakpoint
CREATE INDEX "cis_location_idx" ON "cis" USING btree ("location_id") WHERE "cis"."location_id" is not null;--> statement-breakpoint
CREATE INDEX "service_customers_customer_idx" ON "service_customers" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "services_status_idx" ON "services" USING btree ("status");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;