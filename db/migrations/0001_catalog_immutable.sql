-- Custom migration (drizzle-kit generate --custom): triggers drizzle-kit can't express.
-- A catalog version is frozen once it leaves 'draft': configurations, quotes and orders
-- refer to it by id, so its content must never change. The only change allowed after
-- publishing is published -> retired; a published or retired version can't be deleted,
-- and its product lines can't be added, changed or removed.
CREATE FUNCTION "catalog_versions_freeze"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'catalog version % is %: it can''t be deleted', OLD.id, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' THEN
    IF (NEW.id, NEW.label, NEW.catalog, NEW.created_at, NEW.published_at)
         IS DISTINCT FROM (OLD.id, OLD.label, OLD.catalog, OLD.created_at, OLD.published_at)
       OR NOT (NEW.status = OLD.status OR (OLD.status = 'published' AND NEW.status = 'retired')) THEN
      RAISE EXCEPTION 'catalog version % is %: it can''t be changed (only published -> retired)', OLD.id, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "catalog_versions_freeze" BEFORE UPDATE OR DELETE ON "catalog_versions"
  FOR EACH ROW EXECUTE FUNCTION "catalog_versions_freeze"();--> statement-breakpoint
CREATE FUNCTION "product_lines_freeze"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  version_status text;
BEGIN
  SELECT status INTO version_status FROM "catalog_versions"
    WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END;
  -- No row: the version itself is being deleted (cascade) — its own trigger already allowed it.
  IF version_status IS NOT NULL AND version_status <> 'draft' THEN
    RAISE EXCEPTION 'product lines of catalog version % can''t change: it is %',
      CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END, version_status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.version_id <> OLD.version_id THEN
    SELECT status INTO version_status FROM "catalog_versions" WHERE id = NEW.version_id;
    IF version_status <> 'draft' THEN
      RAISE EXCEPTION 'product lines of catalog version % can''t change: it is %', NEW.version_id, version_status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "product_lines_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "product_lines"
  FOR EACH ROW EXECUTE FUNCTION "product_lines_freeze"();
