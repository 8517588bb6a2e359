// `npm test`: type check, lint, schema/migration agreement (both stores), unit + integration tests
// (Vitest on real SQLite files, then again on a throwaway PostgreSQL server), a production build,
// Playwright e2e in Chromium on a throwaway database, then the load and crash tests against the production build
// (on SQLite, then on two instances sharing one PostgreSQL database) and the live stream across two instances.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { assertChromium } from "./chromium-path.mjs";
import { startPostgres } from "./pg-server.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" };

const steps = [
  ["Type check", bin("tsc"), ["--noEmit"]],
  ["Lint", bin("eslint"), [".", "--max-warnings", "0"]],
  ["Formatting (Prettier)", bin("prettier"), ["--check", "."]],
  ["Schema and migrations agree", process.execPath, ["scripts/check-migrations.mjs"]],
  ["Unit and integration tests (SQLite)", bin("vitest"), ["run"]],
  // The same suite, each test file on its own PostgreSQL database (tests/setup-database.ts).
  ["Unit and integration tests (PostgreSQL)", bin("vitest"), ["run"], { TEST_DATABASE: "postgres" }],
  ["Production build", bin("next"), ["build"]],
  ["End-to-end tests (Chromium)", bin("playwright"), ["test"]],
  // 20 clients charting over HTTP at once, double submits, racing 4th tocilizumab doses.
  ["Load test (concurrent charting over HTTP)", bin("tsx"), ["scripts/load-test.ts"]],
  // SIGKILL the production server mid-load, restart, check integrity and every acknowledged write.
  ["Crash test (kill -9 under load)", bin("tsx"), ["scripts/crash-test.ts"]],
  // The same two on PostgreSQL behind two instances: each double submit and each dose race spans both
  // instances; one instance is killed, the other charts on.
  ["Load test (PostgreSQL, two instances)", bin("tsx"), ["scripts/load-test.ts", "--store", "postgres"]],
  ["Crash test (PostgreSQL, kill -9 of one of two instances)", bin("tsx"), ["scripts/crash-test.ts", "--store", "postgres"]],
  // Two production servers on one PostgreSQL database: a write on A reaches B's live stream within 2 s.
  ["Live updates across two instances (PostgreSQL)", bin("tsx"), ["scripts/live-two-instances.ts"]],
];

assertChromium();
// One throwaway PostgreSQL server for the migration check and the PostgreSQL test run; stopped on exit.
console.log("\n▶ Throwaway PostgreSQL server");
env.TEST_POSTGRES_URL = (await startPostgres()).url;
for (const [name, command, args, extraEnv = {}] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
