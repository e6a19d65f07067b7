DROP INDEX "sla_clocks_key";--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "scope" text DEFAULT 'sla' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "supplier_ci_id" uuid;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_supplier_ci_id_cis_id_fk" FOREIGN KEY ("supplier_ci_id") REFERENCES "public"."cis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_clocks_key" ON "sla_clocks" USING btree ("work_item_id","metric","scope");