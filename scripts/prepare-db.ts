// Brings the embedded database to the current schema and seeds the demo ward when it is empty.
// Run by `npm start` and the test runner; safe to run any number of times.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db-url";
import { ensureSessionSecret } from "@/lib/auth/session-secret";

const file = sqliteFileFromUrl(databaseUrl());
fs.mkdirSync(path.dirname(file), { recursive: true });

// WAL lets pages read while a nurse's write commits; the mode is stored in the file itself.
const sqlite = new Database(file);
sqlite.pragma("journal_mode = WAL");
sqlite.close();

try {
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    stdio: "pipe",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
} catch (error) {
  const failed = error as { stdout?: Buffer; stderr?: Buffer };
  console.error(`Could not apply the database migrations to ${file}:`);
  console.error(String(failed.stdout ?? ""), String(failed.stderr ?? ""));
  process.exit(1);
}
ensureSessionSecret();

async function main() {
  if (process.env.CRS_SEED === "none") return;
  const { writeTransaction, disconnectDb } = await import("@/lib/db");
  const { seedDemoWard } = await import("@/lib/seed/demo-ward");
  const result = await writeTransaction((tx) => seedDemoWard(tx, new Date()));
  if (result.seeded) {
    console.log(`Seeded the demo ward: ${result.patients} patients, ${result.observations} observations (${path.relative(process.cwd(), file)}).`);
  }
  await disconnectDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
