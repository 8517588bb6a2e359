// Brings the database to the current schema and seeds the demo ward when it is empty.
// Run by `npm start` and the test runner; safe to run any number of times. On PostgreSQL
// (DATABASE_URL=postgresql://...) `prisma migrate deploy` applies prisma/postgres/migrations
// (prisma.config.ts picks them); CRS_SEED=none skips the demo ward, as for SQLite.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { databaseUrl, sqliteFileFromUrl, storeOf } from "@/lib/db-url";
import { ensureSessionSecret } from "@/lib/auth/session-secret";

const postgres = storeOf(databaseUrl()) === "postgresql";
const where = postgres ? "PostgreSQL" : path.relative(process.cwd(), sqliteFileFromUrl(databaseUrl()));
if (!postgres) {
  const file = sqliteFileFromUrl(databaseUrl());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // WAL lets pages read while a nurse's write commits; the mode is stored in the file itself.
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}

try {
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    stdio: "pipe",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
} catch (error) {
  const failed = error as { stdout?: Buffer; stderr?: Buffer };
  console.error(`Could not apply the database migrations to ${where}:`);
  console.error(String(failed.stdout ?? ""), String(failed.stderr ?? ""));
  process.exit(1);
}
if (postgres && !process.env.SESSION_SECRET) {
  // The generated secret lives beside the SQLite file; several instances must share one anyway.
  console.error("On PostgreSQL set SESSION_SECRET (at least 32 characters, the same on every instance): see docs/DEPLOY.md.");
  process.exit(1);
}
ensureSessionSecret();

async function main() {
  if (process.env.CRS_SEED === "none") return;
  const { writeTransaction, disconnectDb } = await import("@/lib/db");
  const { seedDemoWard } = await import("@/lib/seed/demo-ward");
  const result = await writeTransaction((tx) => seedDemoWard(tx, new Date()));
  if (result.seeded) {
    console.log(`Seeded the demo ward: ${result.patients} patients, ${result.observations} observations (${where}).`);
  }
  await disconnectDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
