// The app as the e2e tests see it: the production build on a throwaway database seeded with the
// demo ward, on 127.0.0.1. Playwright starts and stops it (playwright.config.ts).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { withServerHeap } from "./server-memory.mjs";

const root = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "crs-e2e-"));
const env = {
  ...process.env,
  DATABASE_URL: `file:${dir}/e2e.db`,
  CHECKPOINT_DISABLE: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};
const prepared = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/prepare-db.ts"], {
  cwd: root,
  stdio: "inherit",
  env,
});
if (prepared.status !== 0) process.exit(prepared.status ?? 1);
const port = process.env.E2E_PORT || "3100";
const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: withServerHeap(env),
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
