CREATE SEQUENCE "public"."article_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "article_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_customers" (
	"article_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	CONSTRAINT "article_customers_article_id_customer_id_pk" PRIMARY KEY("article_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "article_feedback" (
	"article_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"helpful" boolean NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_feedback_article_id_user_id_pk" PRIMARY KEY("article_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "article_links" (
	"article_id" uuid NOT NULL,
	"work_item_id" uuid NOT NULL,
	"sent" boolean DEFAULT false NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_links_article_id_work_item_id_pk" PRIMARY KEY("article_id","work_item_id")
);
--> statement-breakpoint
CREATE TABLE "article_services" (
	"article_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	CONSTRAINT "article_services_article_id_service_id_pk" PRIMARY KEY("article_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "article_versions" (
	"article_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"change_note" text DEFAULT '' NOT NULL,
	"author_id" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_versions_article_id_number_pk" PRIMARY KEY("article_id","number")
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"audience" text NOT NULL,
	"language" text NOT NULL,
	"translation_of" uuid,
	"state" text DEFAULT 'draft' NOT NULL,
	"owner_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_version" integer,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"search" "tsvector",
	"published_at" timestamp with time zone,
	"review_by" date,
	"expires_on" date,
	"views" integer DEFAULT 0 NOT NULL,
	"helpful" integer DEFAULT 0 NOT NULL,
	"not_helpful" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_deflections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"customer_id" uuid,
	"article_id" uuid,
	"query" text DEFAULT '' NOT NULL,
	"outcome" text NOT NULL,
	"work_item_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_candidate_incidents" (
	"candidate_id" uuid NOT NULL,
	"work_item_id" uuid NOT NULL,
	CONSTRAINT "problem_candidate_incidents_candidate_id_work_item_id_pk" PRIMARY KEY("candidate_id","work_item_id")
);
--> statement-breakpoint
CREATE TABLE "problem_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"ci_id" uuid,
	"title" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"problem_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_cis" (
	"work_item_id" uuid NOT NULL,
	"ci_id" uuid NOT NULL,
	CONSTRAINT "problem_cis_work_item_id_ci_id_pk" PRIMARY KEY("work_item_id","ci_id")
);
--> statement-breakpoint
CREATE TABLE "problem_trend_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"min_incidents" integer DEFAULT 5 NOT NULL,
	"window_days" integer DEFAULT 30 NOT NULL,
	"min_similarity" real DEFAULT 0.3 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"work_item_id" uuid PRIMARY KEY NOT NULL,
	"origin" text DEFAULT 'proactive' NOT NULL,
	"symptoms" text DEFAULT '' NOT NULL,
	"timeline" text DEFAULT '' NOT NULL,
	"cause" text DEFAULT '' NOT NULL,
	"contributing_factors" text DEFAULT '' NOT NULL,
	"rca_method" text,
	"rca_analysis" text DEFAULT '' NOT NULL,
	"workaround" text DEFAULT '' NOT NULL,
	"workaround_public" boolean DEFAULT false NOT NULL,
	"known_error_at" timestamp with time zone,
	"resolution" text DEFAULT '' NOT NULL,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "post_incident_reviews" ADD COLUMN "root_cause_known" boolean;--> statement-breakpoint
ALTER TABLE "article_attachments" ADD CONSTRAINT "article_attachments_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_attachments" ADD CONSTRAINT "article_attachments_sha256_attachment_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."attachment_blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_attachments" ADD CONSTRAINT "article_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_customers" ADD CONSTRAINT "article_customers_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_customers" ADD CONSTRAINT "article_customers_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_feedback" ADD CONSTRAINT "article_feedback_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_feedback" ADD CONSTRAINT "article_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_links" ADD CONSTRAINT "article_links_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_links" ADD CONSTRAINT "article_links_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_links" ADD CONSTRAINT "article_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_services" ADD CONSTRAINT "article_services_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_services" ADD CONSTRAINT "article_services_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_versions" ADD CONSTRAINT "article_versions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_versions" ADD CONSTRAINT "article_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_versions" ADD CONSTRAINT "article_versions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_translation_of_articles_id_fk" FOREIGN KEY ("translation_of") REFERENCES "public"."articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_deflections" ADD CONSTRAINT "knowledge_deflections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_deflections" ADD CONSTRAINT "knowledge_deflections_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_deflections" ADD CONSTRAINT "knowledge_deflections_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_deflections" ADD CONSTRAINT "knowledge_deflections_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_candidate_incidents" ADD CONSTRAINT "problem_candidate_incidents_candidate_id_problem_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."problem_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_candidate_incidents" ADD CONSTRAINT "problem_candidate_incidents_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_candidates" ADD CONSTRAINT "problem_candidates_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_candidates" ADD CONSTRAINT "problem_candidates_ci_id_cis_id_fk" FOREIGN KEY ("ci_id") REFERENCES "public"."cis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_candidates" ADD CONSTRAINT "problem_candidates_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_candidates" ADD CONSTRAINT "problem_candidates_problem_id_work_items_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."work_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_cis" ADD CONSTRAINT "problem_cis_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_cis" ADD CONSTRAINT "problem_cis_ci_id_cis_id_fk" FOREIGN KEY ("ci_id") REFERENCES "public"."cis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_trend_settings" ADD CONSTRAINT "problem_trend_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_attachments_article_idx" ON "article_attachments" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "article_customers_customer_idx" ON "article_customers" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "article_links_item_idx" ON "article_links" USING btree ("work_item_id");--> statement-breakpoint
CREATE INDEX "article_services_service_idx" ON "article_services" USING btree ("service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_number_key" ON "articles" USING btree ("number");--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search");--> statement-breakpoint
CREATE INDEX "articles_state_idx" ON "articles" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "articles_translation_idx" ON "articles" USING btree ("translation_of");--> statement-breakpoint
CREATE INDEX "articles_tags_idx" ON "articles" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "knowledge_deflections_at_idx" ON "knowledge_deflections" USING btree ("at");--> statement-breakpoint
CREATE INDEX "problem_candidate_incidents_item_idx" ON "problem_candidate_incidents" USING btree ("work_item_id");--> statement-breakpoint
CREATE INDEX "problem_candidates_state_idx" ON "problem_candidates" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "problem_cis_ci_idx" ON "problem_cis" USING btree ("ci_id");--> statement-breakpoint
CREATE INDEX "problems_known_error_idx" ON "problems" USING btree ("known_error_at") WHERE "problems"."known_error_at" is not null;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_origin_check" CHECK ("origin" in ('proactive', 'incidents', 'trend', 'major_incident'));--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_rca_method_check" CHECK ("rca_method" in ('five_whys', 'fishbone', 'fault_tree', 'other'));--> statement-breakpoint
ALTER TABLE "problem_candidates" ADD CONSTRAINT "problem_candidates_state_check" CHECK ("state" in ('open', 'accepted', 'dismissed'));--> statement-breakpoint
ALTER TABLE "problem_trend_settings" ADD CONSTRAINT "problem_trend_settings_one_row" CHECK ("id" = 1);--> statement-breakpoint
ALTER TABLE "problem_trend_settings" ADD CONSTRAINT "problem_trend_settings_ranges" CHECK ("min_incidents" between 2 and 1000 and "window_days" between 1 and 366 and "min_similarity" between 0 and 1);--> statement-breakpoint
INSERT INTO "problem_trend_settings" ("id") VALUES (1);--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_type_check" CHECK ("type" in ('how_to', 'troubleshooting', 'faq', 'known_error'));--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_audience_check" CHECK ("audience" in ('agents', 'customers', 'everyone'));--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_language_check" CHECK ("language" in ('en', 'nl', 'da'));--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_state_check" CHECK ("state" in ('draft', 'published', 'retired'));--> statement-breakpoint
ALTER TABLE "article_versions" ADD CONSTRAINT "article_versions_state_check" CHECK ("state" in ('draft', 'in_review', 'published', 'superseded'));--> statement-breakpoint
ALTER TABLE "knowledge_deflections" ADD CONSTRAINT "knowledge_deflections_outcome_check" CHECK ("outcome" in ('deflected', 'reported'));--> statement-breakpoint
-- Article search: the published title weighs most, then the summary and tags, then the body without its
-- markup, stemmed in the article's language (a trigger, as the configuration depends on a column).
CREATE FUNCTION keel_article_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  config regconfig := CASE NEW.language WHEN 'en' THEN 'english' WHEN 'nl' THEN 'dutch' WHEN 'da' THEN 'danish' ELSE 'simple' END::regconfig;
BEGIN
  NEW.search := setweight(to_tsvector(config, NEW.number || ' ' || NEW.title), 'A')
    || setweight(to_tsvector(config, NEW.summary || ' ' || array_to_string(NEW.tags, ' ')), 'B')
    || setweight(to_tsvector(config, regexp_replace(NEW.body, '<[^>]*>', ' ', 'g')), 'C');
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER articles_search BEFORE INSERT OR UPDATE OF title, summary, body, tags, language, number ON "articles"
  FOR EACH ROW EXECUTE FUNCTION keel_article_search();--> statement-breakpoint
-- Article suggestions rank titles by trigram similarity as well as by the text index.
CREATE INDEX "articles_title_trgm_idx" ON "articles" USING gin ("title" gin_trgm_ops);
