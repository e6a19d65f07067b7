-- Work items name their service; the kernel's schema cannot reference the portfolio, so the key is added here.
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id");
--> statement-breakpoint
-- Full-text search: the number and title weigh most, then the description without its markup; stemmed in the
-- text's own language where it is known, word by word otherwise.
ALTER TABLE "work_items" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  CASE "language"
    WHEN 'en' THEN setweight(to_tsvector('english', "number" || ' ' || "title"), 'A') || setweight(to_tsvector('english', regexp_replace("description", '<[^>]*>', ' ', 'g')), 'B')
    WHEN 'nl' THEN setweight(to_tsvector('dutch', "number" || ' ' || "title"), 'A') || setweight(to_tsvector('dutch', regexp_replace("description", '<[^>]*>', ' ', 'g')), 'B')
    WHEN 'da' THEN setweight(to_tsvector('danish', "number" || ' ' || "title"), 'A') || setweight(to_tsvector('danish', regexp_replace("description", '<[^>]*>', ' ', 'g')), 'B')
    ELSE setweight(to_tsvector('simple', "number" || ' ' || "title"), 'A') || setweight(to_tsvector('simple', regexp_replace("description", '<[^>]*>', ' ', 'g')), 'B')
  END) STORED;
--> statement-breakpoint
CREATE INDEX "work_items_search_idx" ON "work_items" USING gin ("search");
--> statement-breakpoint
-- Live updates: every change to a work item tells listening Keel processes which item changed (on commit).
CREATE FUNCTION keel_work_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('keel_work_items', json_build_object('id', NEW.id, 'number', NEW.number, 'type', NEW.type,
    'version', NEW.version, 'requesterId', NEW.requester_id)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "work_items_changed" AFTER INSERT OR UPDATE ON "work_items" FOR EACH ROW EXECUTE FUNCTION keel_work_item_changed();
--> statement-breakpoint
-- The usual ITIL matrix: impact 1 (widespread) to 3 (one person), urgency 1 (now) to 3 (can wait).
INSERT INTO "priority_matrix" ("impact", "urgency", "priority") VALUES
  (1, 1, 1), (1, 2, 2), (1, 3, 3),
  (2, 1, 2), (2, 2, 3), (2, 3, 4),
  (3, 1, 3), (3, 2, 4), (3, 3, 5);
--> statement-breakpoint
INSERT INTO "service_desk_settings" ("id") VALUES (1);
--> statement-breakpoint
INSERT INTO "incident_categories" ("code", "names", "skills") VALUES
  ('hardware', '{"en":"Hardware","nl":"Hardware","da":"Hardware"}', '{hardware}'),
  ('software', '{"en":"Software","nl":"Software","da":"Software"}', '{applications}'),
  ('network', '{"en":"Network","nl":"Netwerk","da":"Netværk"}', '{network}'),
  ('access', '{"en":"Access and accounts","nl":"Toegang en accounts","da":"Adgang og konti"}', '{identity}'),
  ('other', '{"en":"Other","nl":"Overig","da":"Andet"}', '{}');
