ALTER TABLE "post_incident_reviews" ADD COLUMN "root_cause_known" boolean;--> statement-breakpoint
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
