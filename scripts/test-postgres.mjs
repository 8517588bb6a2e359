// `npm run test:postgres [-- vitest args]`: the Vitest suite on a throwaway PostgreSQL server
// (scripts/pg-server.mjs), each test file on its own copy of a migrated template database.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { startPostgres } from "./pg-server.mjs";

const root = path.resolve(import.meta.dirname, "..");
const server = process.env.TEST_POSTGRES_URL ? { url: process.env.TEST_POSTGRES_URL } : await startPostgres();
const result = spawnSync(path.join(root, "node_modules", ".bin", "vitest"), ["run", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, CHECKPOINT_DISABLE: "1", TEST_DATABASE: "postgres", TEST_POSTGRES_URL: server.url },
});
process.exit(result.status ?? 1);
