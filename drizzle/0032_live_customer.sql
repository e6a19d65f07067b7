-- Live updates name the item's customer organisation, so a Keel process drops the changes of other
-- organisations for people outside the provider without asking the database (kernel/live/routes.ts).
CREATE OR REPLACE FUNCTION keel_work_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('keel_work_items', json_build_object('id', NEW.id, 'number', NEW.number, 'type', NEW.type,
    'version', NEW.version, 'requesterId', NEW.requester_id, 'customerId', NEW.customer_id)::text);
  RETURN NULL;
END $$;
