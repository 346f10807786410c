-- btree_gin: GIN operator classes for plain types (enums, text, uuid), so one GIN index can hold an order's status,
-- line and dealership beside its option codes and answer "status + line + code" as one index scan (decision 052).
-- A contrib extension, trusted since PostgreSQL 13 (a database owner may create it); PGlite loads it in db/client.ts.
CREATE EXTENSION IF NOT EXISTS btree_gin;
