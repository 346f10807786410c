-- Decision 052, amended: a slot per transaction, not per backend. With the
-- slot at pg_backend_pid() % 16, two backends whose pids agree modulo 16 wrote
-- the same counts rows; each changing counts in several statements of one
-- transaction, in opposite orders, they deadlocked (seen in CI: a planner's
-- cancellation beside a transaction moving four orders). Now a transaction
-- holds its slot under a transaction-scoped advisory lock, so no two running
-- transactions ever write the same counts row: they never wait on each other
-- here, and can't deadlock here. A backend starts at its pid's slot and takes
-- the next free one; past 16 busy slots, 16, 17, ... (as many as writers run at
-- once, so the table stays small).
CREATE FUNCTION "order_status_counts_slot"() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  held integer := nullif(current_setting('atelier.order_status_counts_slot', true), '')::integer;
  first integer := pg_backend_pid() % 16;
  candidate integer;
BEGIN
  IF held IS NOT NULL THEN
    RETURN held;
  END IF;
  FOR i IN 0..2147483646 LOOP
    candidate := CASE WHEN i < 16 THEN (first + i) % 16 ELSE i END;
    IF pg_try_advisory_xact_lock(hashtext('atelier.order_status_counts'), candidate) THEN
      -- Local to the transaction (and undone with a rolled-back savepoint), like the lock.
      PERFORM set_config('atelier.order_status_counts_slot', candidate::text, true);
      RETURN candidate;
    END IF;
  END LOOP;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "order_status_counts_track"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "order_status_counts" AS c ("status", "line_code", "dealership_id", "slot", "n")
      SELECT "status", "line_code", "dealership_id", "order_status_counts_slot"(), count(*) FROM "new_rows" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT ON CONSTRAINT "order_status_counts_key" DO UPDATE SET "n" = c."n" + excluded."n";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "order_status_counts" AS c ("status", "line_code", "dealership_id", "slot", "n")
      SELECT "status", "line_code", "dealership_id", "order_status_counts_slot"(), -count(*) FROM "old_rows" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT ON CONSTRAINT "order_status_counts_key" DO UPDATE SET "n" = c."n" + excluded."n";
  ELSE
    -- Most updates (a version bump, a build date) move no count: nothing is written, and no slot taken, then.
    INSERT INTO "order_status_counts" AS c ("status", "line_code", "dealership_id", "slot", "n")
      SELECT "status", "line_code", "dealership_id", "order_status_counts_slot"(), sum(d)
      FROM (SELECT "status", "line_code", "dealership_id", 1 AS d FROM "new_rows"
            UNION ALL SELECT "status", "line_code", "dealership_id", -1 FROM "old_rows") x
      GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT ON CONSTRAINT "order_status_counts_key" DO UPDATE SET "n" = c."n" + excluded."n";
  END IF;
  RETURN NULL;
END;
$$;
