// `npm run db:reset`: a fresh demo ward. Removes the embedded database file (and its WAL files),
// then migrates and seeds again. Refuses anything but a file: URL.
import { rmSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const url = process.env.DATABASE_URL || "file:./data/crs-watch.db";
if (!url.startsWith("file:")) {
  console.error("db:reset only resets the embedded SQLite database (DATABASE_URL=file:...).");
  process.exit(2);
}
const file = path.resolve(url.slice("file:".length).split("?")[0]);
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
console.log(`Removed ${file}`);
const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/prepare-db.ts"], { stdio: "inherit" });
process.exit(result.status ?? 1);
