ALTER TABLE "problems" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "title_trigrams" text[];--> statement-breakpoint
CREATE INDEX "problems_search_idx" ON "problems" USING gin ("search");--> statement-breakpoint
CREATE INDEX "problems_workaround_trgm_idx" ON "problems" USING gin ("workaround" gin_trgm_ops);--> statement-breakpoint
-- Known-error suggestions (docs/problems.md) rank a problem's title and workaround by full text in the
-- problem's language, and compare the title's trigrams with the text's. The title and language live in
-- work_items, the workaround in problems: a trigger on each keeps problems.search and title_trigrams, so a
-- suggestion reads stored, indexed values instead of stemming every known error on every call.
CREATE FUNCTION keel_problem_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT to_tsvector(CASE w.language WHEN 'en' THEN 'english' WHEN 'nl' THEN 'dutch' WHEN 'da' THEN 'danish' ELSE 'simple' END::regconfig,
                     w.title || ' ' || NEW.workaround),
         show_trgm(w.title)
    INTO NEW.search, NEW.title_trigrams FROM work_items w WHERE w.id = NEW.work_item_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER problems_search BEFORE INSERT OR UPDATE OF workaround ON "problems"
  FOR EACH ROW EXECUTE FUNCTION keel_problem_search();--> statement-breakpoint
CREATE FUNCTION keel_problem_item_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE problems SET search = to_tsvector(CASE NEW.language WHEN 'en' THEN 'english' WHEN 'nl' THEN 'dutch' WHEN 'da' THEN 'danish' ELSE 'simple' END::regconfig,
                                           NEW.title || ' ' || workaround),
                      title_trigrams = show_trgm(NEW.title)
   WHERE work_item_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER work_items_problem_search AFTER UPDATE OF title, language ON "work_items"
  FOR EACH ROW WHEN (NEW.type = 'problem' AND (OLD.title IS DISTINCT FROM NEW.title OR OLD.language IS DISTINCT FROM NEW.language))
  EXECUTE FUNCTION keel_problem_item_search();--> statement-breakpoint
UPDATE problems d SET search = to_tsvector(CASE w.language WHEN 'en' THEN 'english' WHEN 'nl' THEN 'dutch' WHEN 'da' THEN 'danish' ELSE 'simple' END::regconfig,
                                           w.title || ' ' || d.workaround),
                      title_trigrams = show_trgm(w.title)
  FROM work_items w WHERE w.id = d.work_item_id;
