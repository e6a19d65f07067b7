CREATE TABLE "objective_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"objective_id" uuid NOT NULL,
	"title" text NOT NULL,
	"responsible_id" uuid,
	"resources" text DEFAULT '' NOT NULL,
	"due" timestamp with time zone,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "objective_reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"objective_id" uuid NOT NULL,
	"status" text NOT NULL,
	"value" double precision,
	"note" text DEFAULT '' NOT NULL,
	"reviewer_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objective_values" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"objective_id" uuid NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"evidence" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objectives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"business_goal" text DEFAULT '' NOT NULL,
	"owner_id" uuid NOT NULL,
	"target" double precision NOT NULL,
	"direction" text NOT NULL,
	"unit" text NOT NULL,
	"period" text DEFAULT 'quarter' NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"measurement" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "objective_actions" ADD CONSTRAINT "objective_actions_objective_id_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_actions" ADD CONSTRAINT "objective_actions_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_reviews" ADD CONSTRAINT "objective_reviews_objective_id_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_reviews" ADD CONSTRAINT "objective_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_values" ADD CONSTRAINT "objective_values_objective_id_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_values" ADD CONSTRAINT "objective_values_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "objective_actions_objective_idx" ON "objective_actions" USING btree ("objective_id");--> statement-breakpoint
CREATE INDEX "objective_reviews_objective_idx" ON "objective_reviews" USING btree ("objective_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "objective_values_period_key" ON "objective_values" USING btree ("objective_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "objectives_code_key" ON "objectives" USING btree (lower("code"));