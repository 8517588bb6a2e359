// Vitest setup (runs before every test file): a fresh SQLite file for this file, with every
// committed migration applied, named by DATABASE_URL before any app module opens the database.
// Real SQLite, never a mock; files run in parallel without sharing state.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const dir = mkdtempSync(path.join(tmpdir(), "crs-test-"));
const file = path.join(dir, "test.db");
const migrations = path.resolve(__dirname, "../prisma/migrations");
const sqlite = new Database(file);
sqlite.pragma("journal_mode = WAL");
for (const name of readdirSync(migrations).filter((n) => /^\d/.test(n)).sort()) {
  sqlite.exec(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
}
sqlite.close();

process.env.DATABASE_URL = `file:${file}`;
process.env.SESSION_SECRET ??= "test-session-secret-that-is-at-least-32-characters";
// A worker may run several files: drop any client a previous file left on globalThis.
const g = globalThis as Record<string, unknown>;
delete g.crsReader;
delete g.crsWriter;
