// A throwaway PostgreSQL server for tests and checks: a fresh cluster in a temporary folder,
// listening on 127.0.0.1 on a free port, fsync off (nothing in it must survive), stopped and
// removed when this process exits. Debian's `postgresql` package provides the binaries.
//   node scripts/pg-server.mjs                 start, print the URL, stop on Ctrl-C
//   node scripts/pg-server.mjs <command...>    run the command with TEST_POSTGRES_URL set, then stop
// As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
import { spawnSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

/** Newest installed version's bin folder (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBinDir() {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(path.join(base, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions.at(0);
  if (newest === undefined) {
    throw new Error(
      "No PostgreSQL server found in /usr/lib/postgresql/*/bin: apt-get install postgresql (or set POSTGRES_BIN_DIR).",
    );
  }
  return path.join(base, newest, "bin");
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function postgresUid() {
  const result = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error("Running as root needs a `postgres` user (Debian's postgresql package creates it).");
  return Number(result.stdout.trim());
}

/**
 * Starts the server; resolves to { url, stop }. `url` names the `postgres` database as the
 * superuser `postgres` (no password: trust on 127.0.0.1 only). `stop()` is synchronous so it can
 * run in an exit handler; it is also registered to run when this process exits.
 */
export async function startPostgres({ quiet = false } = {}) {
  const started = Date.now();
  const bin = postgresBinDir();
  const asRoot = userInfo().uid === 0;
  const dataDir = mkdtempSync(path.join(tmpdir(), "crs-pg-"));
  if (asRoot) chownSync(dataDir, postgresUid(), -1);
  const run = (command, args, options = {}) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { encoding: "utf8", cwd: tmpdir(), ...options });
    if (result.status !== 0) {
      throw new Error(`${path.basename(command)} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  };
  // C.UTF-8: byte-order collation, the same order SQLite sorts text in.
  run(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const port = await freePort();
  const options = [
    `-c listen_addresses=127.0.0.1`,
    `-p ${port}`,
    `-c unix_socket_directories='${dataDir}'`,
    `-c fsync=off`,
    `-c synchronous_commit=off`,
    `-c full_page_writes=off`,
    `-c max_connections=300`,
  ].join(" ");
  run(path.join(bin, "pg_ctl"), [
    "-D",
    dataDir,
    "-o",
    options,
    "-l",
    path.join(dataDir, "server.log"),
    "-w",
    "-t",
    "60",
    "start",
  ]);

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const args = ["-D", dataDir, "-m", "immediate", "-w", "stop"];
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, "pg_ctl"), ...args]]
      : [path.join(bin, "pg_ctl"), args];
    spawnSync(file, argv, { stdio: "ignore", cwd: tmpdir() });
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("exit", stop);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  if (!quiet)
    console.log(
      `PostgreSQL ${path.basename(path.dirname(bin))} started on 127.0.0.1:${port} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  return { url, stop, startSeconds: (Date.now() - started) / 1000 };
}

async function main() {
  const server = await startPostgres();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      server.stop();
      process.exit(130);
    });
  }
  const [command, ...args] = process.argv.slice(2);
  if (command === undefined) {
    console.log(`TEST_POSTGRES_URL=${server.url}`);
    console.log("Ctrl-C stops the server and removes its data.");
    setInterval(() => {}, 1 << 30);
  } else {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, TEST_POSTGRES_URL: server.url } });
    child.on("exit", (code, signal) => {
      server.stop();
      process.exit(code ?? (signal ? 1 : 0));
    });
  }
}

// No top-level await: tsx loads this file as CommonJS when a TypeScript script imports it.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
