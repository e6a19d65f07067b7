-- Comments are searched with their work item: stemmed in the item's language like its title and description
-- (the search column is kept by a trigger, since a generated column cannot read the item's language).
ALTER TABLE "work_item_comments" ADD COLUMN "search" tsvector;
--> statement-breakpoint
CREATE FUNCTION keel_comment_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  config regconfig;
BEGIN
  SELECT CASE w.language WHEN 'en' THEN 'english' WHEN 'nl' THEN 'dutch' WHEN 'da' THEN 'danish' ELSE 'simple' END::regconfig
    INTO config FROM work_items w WHERE w.id = NEW.work_item_id;
  NEW.search := to_tsvector(coalesce(config, 'simple'::regconfig), regexp_replace(NEW.body, '<[^>]*>', ' ', 'g'));
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER work_item_comments_search BEFORE INSERT OR UPDATE OF body ON "work_item_comments"
  FOR EACH ROW EXECUTE FUNCTION keel_comment_search();
--> statement-breakpoint
UPDATE "work_item_comments" SET body = body;
--> statement-breakpoint
CREATE INDEX "work_item_comments_search_idx" ON "work_item_comments" USING gin ("search");
