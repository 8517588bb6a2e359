// Vitest global setup (once per run). With TEST_DATABASE=postgres: a template database with every
// PostgreSQL migration applied, which tests/setup-database.ts copies for each test file (a copy
// takes milliseconds; migrating each file's database would take seconds). Removed after the run,
// with every test file's database. On SQLite (the default) it does nothing.
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { POSTGRES_TEMPLATE, postgresServerUrl, postgresTestUrl, testStore } from "./test-store";

async function onServer(work: (admin: pg.Client) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresServerUrl() });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

async function dropTestDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ name: string }>(
    `SELECT datname::text AS name FROM pg_database WHERE datname LIKE 'crs\\_test\\_%'`,
  );
  for (const { name } of rows) {
    await admin.query(`ALTER DATABASE "${name}" IS_TEMPLATE false`);
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  }
}

export async function setup(): Promise<(() => Promise<void>) | void> {
  if (testStore() !== "postgresql") return;
  await onServer(async (admin) => {
    await dropTestDatabases(admin);
    await admin.query(`CREATE DATABASE "${POSTGRES_TEMPLATE}"`);
  });
  const root = path.resolve(__dirname, "..");
  execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", DATABASE_URL: postgresTestUrl(POSTGRES_TEMPLATE) },
  });
  await onServer(async (admin) => {
    // Marked as a template: nobody connects to it by mistake, and copies may be taken concurrently.
    await admin.query(`ALTER DATABASE "${POSTGRES_TEMPLATE}" IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  });
  return () => onServer(dropTestDatabases);
}
