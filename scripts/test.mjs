// `npm test`: type check, lint, schema/migration agreement, unit + integration tests (Vitest on
// real SQLite files), a production build, Playwright e2e in Chromium on a throwaway database, then
// the crash test against the production build.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { assertChromium } from "./chromium-path.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" };

const steps = [
  ["Type check", bin("tsc"), ["--noEmit"]],
  ["Lint", bin("eslint"), [".", "--max-warnings", "0"]],
  ["Schema and migrations agree", process.execPath, ["scripts/check-migrations.mjs"]],
  ["Unit and integration tests", bin("vitest"), ["run"]],
  ["Production build", bin("next"), ["build"]],
  ["End-to-end tests (Chromium)", bin("playwright"), ["test"]],
  // 20 clients charting over HTTP at once, double submits, racing 4th tocilizumab doses.
  ["Load test (concurrent charting over HTTP)", bin("tsx"), ["scripts/load-test.ts"]],
  // SIGKILL the production server mid-load, restart, check integrity and every acknowledged write.
  ["Crash test (kill -9 under load)", bin("tsx"), ["scripts/crash-test.ts"]],
];

assertChromium();
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
