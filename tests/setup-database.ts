// Vitest setup (runs before every test file): a fresh database for this file, with every
// committed migration applied, named by DATABASE_URL before any app module opens the database.
// Real databases, never a mock; files run in parallel without sharing state.
// SQLite (default): a new file. PostgreSQL (TEST_DATABASE=postgres): a new database copied from
// the migrated template that tests/postgres-template.ts made for this run.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { POSTGRES_TEMPLATE, postgresServerUrl, postgresTestUrl, testStore } from "./test-store";

function freshSqliteDatabase(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "crs-test-"));
  const file = path.join(dir, "test.db");
  const migrations = path.resolve(__dirname, "../prisma/migrations");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  for (const name of readdirSync(migrations)
    .filter((n) => /^\d/.test(n))
    .sort()) {
    sqlite.exec(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  }
  sqlite.close();
  return `file:${file}`;
}

async function freshPostgresDatabase(): Promise<string> {
  const name = `crs_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresServerUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${POSTGRES_TEMPLATE}"`);
  } finally {
    await admin.end();
  }
  return postgresTestUrl(name);
}

// A worker may run several files: close and drop any client a previous file left on globalThis.
const g = globalThis as Record<string, unknown>;
for (const key of ["crsReader", "crsWriter"]) {
  const client = g[key] as { $disconnect?: () => Promise<void> } | undefined;
  if (testStore() === "postgresql") await client?.$disconnect?.();
  delete g[key];
}

process.env.DATABASE_URL = testStore() === "postgresql" ? await freshPostgresDatabase() : freshSqliteDatabase();
process.env.SESSION_SECRET ??= "test-session-secret-that-is-at-least-32-characters";
