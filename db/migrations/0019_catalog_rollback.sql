-- Custom migration (drizzle-kit generate --custom): rollback of the active catalog version (decision 035).
-- Versions published before this migration were activated when they were published.
UPDATE "catalog_versions" SET "activated_at" = "published_at" WHERE "status" <> 'draft' AND "activated_at" IS NULL;--> statement-breakpoint
-- The freeze of migration 0001, with one more move: a retired version may be published again (a rollback),
-- and activated_at moves forward when a version becomes the active one. Content, label, creation and first
-- publication stay frozen; who made or published it (user ids, set to null when a user is erased) and the
-- version a draft was based on are not content.
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
    IF (NEW.id, NEW.label, NEW.catalog, NEW.created_at, NEW.published_at)
         IS DISTINCT FROM (OLD.id, OLD.label, OLD.catalog, OLD.created_at, OLD.published_at)
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
