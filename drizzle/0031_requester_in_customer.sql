-- A work item's requester belongs to its customer organisation (a person of no organisation to an item of
-- none), unless the requester is staff: any role but customer, supplier and internal_auditor
-- (kernel/access/roles.ts). Commands check it first and answer with field errors (kernel/records/requester.ts);
-- this trigger refuses whatever slips past them. It checks a row when it is written with a new requester or
-- customer, not the rows already there: a database with mismatched items from before migrates unchanged,
-- those items are hidden from the mismatched requester by the visibility rule, and the query in
-- docs/incidents.md lists them for someone to correct.
CREATE FUNCTION keel_requester_in_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.requester_id IS NULL THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND NEW.requester_id IS NOT DISTINCT FROM OLD.requester_id
     AND NEW.customer_id IS NOT DISTINCT FROM OLD.customer_id THEN
    RETURN NEW;
  END IF;
  IF EXISTS (
    SELECT 1 FROM users u
     WHERE u.id = NEW.requester_id AND u.customer_id IS DISTINCT FROM NEW.customer_id
       AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id
                          AND r.role NOT IN ('customer', 'supplier', 'internal_auditor'))) THEN
    RAISE EXCEPTION 'the requester of work item % belongs to another customer organisation than the item', NEW.number
      USING ERRCODE = 'check_violation', TABLE = 'work_items', COLUMN = 'requester_id',
            CONSTRAINT = 'work_items_requester_in_customer';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER work_items_requester_in_customer BEFORE INSERT OR UPDATE OF requester_id, customer_id ON work_items
  FOR EACH ROW EXECUTE FUNCTION keel_requester_in_customer();
