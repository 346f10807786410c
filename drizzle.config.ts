/**
 * drizzle-kit: `npm run db:generate` writes SQL migrations from db/schema into
 * db/migrations. They are applied by drizzle's migrate() when the app opens
 * the database (db/client.ts); never edit a generated file by hand, and never
 * use `drizzle-kit push` (it bypasses the migration journal).
 */
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
