// Fails when prisma/schema.prisma and the committed migrations disagree (a model changed
// without a migration, or a migration edited by hand into something the schema does not say).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "crs-migrations-"));
const result = spawnSync(
  process.execPath,
  ["node_modules/prisma/build/index.js", "migrate", "diff", "--from-migrations", "prisma/migrations",
    "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"],
  { stdio: "pipe", encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", DATABASE_URL: `file:${dir}/check.db` } },
);
rmSync(dir, { recursive: true, force: true });
if (result.status === 0) {
  console.log("Schema and migrations agree.");
} else {
  console.error(result.stdout, result.stderr);
  console.error("prisma/schema.prisma and prisma/migrations disagree: author a migration (see docs/ARCHITECTURE.md).");
  process.exit(1);
}
