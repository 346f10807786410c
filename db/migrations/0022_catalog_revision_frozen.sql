-- Custom migration (drizzle-kit generate --custom): the freeze trigger (0001, as 0019 left it) names the
-- columns it keeps frozen once a version leaves 'draft'; the draft's edit counter (revision, 0021) is frozen
-- with them, so a published version can't look edited.
CREATE OR REPLACE FUNCTION "catalog_versions_freeze"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'catalog version % is %: it can''t be deleted', OLD.id, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' THEN
    IF (NEW.id, NEW.label, NEW.catalog, NEW.created_at, NEW.published_at, NEW.revision)
         IS DISTINCT FROM (OLD.id, OLD.label, OLD.catalog, OLD.created_at, OLD.published_at, OLD.revision)
       OR NOT (NEW.status = OLD.status
               OR (OLD.status = 'published' AND NEW.status = 'retired')
               OR (OLD.status = 'retired' AND NEW.status = 'published'))
       OR (NEW.activated_at IS DISTINCT FROM OLD.activated_at
           AND (NEW.status <> 'published' OR NEW.activated_at IS NULL OR NEW.activated_at < OLD.activated_at)) THEN
      RAISE EXCEPTION 'catalog version % is %: it can''t be changed (only retired, published again, or activated)', OLD.id, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
