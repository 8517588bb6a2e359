// Fails when the models (prisma/schema.prisma) and either store's committed migrations disagree:
// a model changed without a migration, or a migration edited by hand into something the schema
// does not say. The PostgreSQL side needs a server: TEST_POSTGRES_URL, or a throwaway one started
// here (scripts/pg-server.mjs). The append-only triggers and CHECK constraints, which Prisma does
// not model, are compared between the stores by tests/store-safeguards.test.ts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startPostgres } from "./pg-server.mjs";

const root = path.resolve(import.meta.dirname, "..");

function diff(databaseUrl, migrations, schema) {
  return spawnSync(
    process.execPath,
    [
      path.join(root, "node_modules/prisma/build/index.js"),
      "migrate",
      "diff",
      "--from-migrations",
      migrations,
      "--to-schema-datamodel",
      schema,
      "--exit-code",
    ],
    { cwd: root, stdio: "pipe", encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", DATABASE_URL: databaseUrl } },
  );
}

function report(result, store, fix) {
  if (result.status === 0) {
    console.log(`${store}: schema and migrations agree.`);
    return true;
  }
  console.error(result.stdout, result.stderr);
  console.error(`${store}: the models and the migrations disagree: ${fix} (see docs/ARCHITECTURE.md, "Changing the schema").`);
  return false;
}

async function checkPostgres() {
  const generated = spawnSync(process.execPath, [path.join(root, "scripts/postgres-schema.mjs"), "--check"], {
    cwd: root,
    stdio: "inherit",
  });
  if (generated.status !== 0) return false;
  const serverUrl = process.env.TEST_POSTGRES_URL ?? (await startPostgres()).url;
  const database = "crs_migration_check";
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const result = diff(url.toString(), "prisma/postgres/migrations", "prisma/postgres/schema.prisma");
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${database}_shadow WITH (FORCE)`);
  await admin.end();
  return report(result, "PostgreSQL", "run `npm run db:postgres-migration -- <name>`");
}

const dir = mkdtempSync(path.join(tmpdir(), "crs-migrations-"));
const sqlite = report(
  diff(`file:${dir}/check.db`, "prisma/migrations", "prisma/schema.prisma"),
  "SQLite",
  "author a migration in prisma/migrations",
);
rmSync(dir, { recursive: true, force: true });
const postgres = await checkPostgres();
process.exit(sqlite && postgres ? 0 : 1);
