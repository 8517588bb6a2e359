// `npm start`: migrate, seed the demo ward if the database is empty, build if the sources are
// newer than the last build, then serve on http://localhost:PORT (3000 unless PORT is set).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { withServerHeap } from "./server-memory.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestSourceTime() {
  const roots = ["app", "lib", "prisma", "proxy.ts", "next.config.mjs", "package-lock.json", "tsconfig.json"];
  let newest = 0;
  const visit = (entry) => {
    if (!existsSync(entry) || entry.includes(`lib${path.sep}generated`)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) for (const child of readdirSync(entry)) visit(path.join(entry, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const r of roots) visit(path.join(root, r));
  return newest;
}

run(bin("tsx"), ["scripts/prepare-db.ts"]);

const buildId = path.join(root, ".next", "BUILD_ID");
if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceTime()) {
  console.log("Building CRS Watch (first start or changed sources)…");
  run(bin("next"), ["build"]);
}

const port = process.env.PORT || "3000";
const server = spawn(bin("next"), ["start", "-p", port], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  env: withServerHeap(env),
});
let announced = false;
server.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /ready|started|Local:/i.test(String(chunk))) {
    announced = true;
    console.log(`\nCRS Watch is running at http://localhost:${port}  (sign in as nurse / nurse-demo; see README)\n`);
  }
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
