// A production server (`next start`) on a throwaway database, for tests that need the real thing
// over HTTP on 127.0.0.1: started in its own process group so that it (and only it) can be killed
// with SIGKILL mid-write, then started again on the same database.
import { randomUUID } from "node:crypto";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { withServerHeap } from "../server-memory.mjs";

export const ROOT = path.resolve(__dirname, "..", "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

export interface ThrowawayDatabase {
  dir: string;
  file: string;
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/** A migrated, demo-seeded database in a temp folder (the session secret is kept beside it). */
export function prepareDatabase(prefix: string): ThrowawayDatabase {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("No production build: run `next build` first");
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const file = path.join(dir, "crs.db");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${file}`,
    CHECKPOINT_DISABLE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  delete env.SESSION_SECRET; // the secret file beside the database survives a restart, as in production
  const prepared = spawnSync(bin("tsx"), ["scripts/prepare-db.ts"], { cwd: ROOT, env, encoding: "utf8" });
  if (prepared.status !== 0) throw new Error(`prepare-db failed: ${prepared.stderr}`);
  return { dir, file, env, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A new database `name` on a running PostgreSQL server, migrated and demo-seeded, with the
 * environment for servers on it (one session secret, so that every instance accepts a sign-in
 * made on another). `extraEnv` adds settings. Nothing to remove: the server is thrown away whole.
 */
export async function preparePostgresDatabase(
  serverUrl: string,
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<ThrowawayDatabase> {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url.toString(),
    SESSION_SECRET: randomUUID() + randomUUID(),
    CHECKPOINT_DISABLE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    ...extraEnv,
  };
  const prepared = spawnSync(bin("tsx"), ["scripts/prepare-db.ts"], { cwd: ROOT, env, encoding: "utf8" });
  if (prepared.status !== 0) throw new Error(`prepare-db failed: ${prepared.stderr}`);
  return { dir: "", file: "", env, remove: () => undefined };
}

export interface RunningServer {
  baseUrl: string;
  child: ChildProcess;
  /** The server's own output, for a failure report. */
  output(): string;
  /** SIGKILL to the server's process group: no shutdown hook, no flush, like a power cut. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

/** `nodeOptions`: flags for the server's node (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
export async function startServer(
  db: ThrowawayDatabase,
  port: number,
  readyWithinMs = 30_000,
  nodeOptions: readonly string[] = [],
): Promise<RunningServer> {
  // Next's own script run by this node (what node_modules/.bin/next runs), so node can be given flags.
  const next = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [...nodeOptions, next, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env: withServerHeap(db.env),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const signalGroup = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
    await exited(child);
  };
  const server: RunningServer = {
    baseUrl,
    child,
    output: () => output,
    crash: () => signalGroup("SIGKILL"),
    stop: () => signalGroup("SIGTERM"),
  };

  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited while starting:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/login`)).status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  throw new Error(`server not ready within ${readyWithinMs} ms:\n${output}`);
}

/** Signs in through the JSON route and returns the Cookie header to send. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("crs_session="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0] ?? cookie;
}

export async function postJson(
  baseUrl: string,
  cookie: string,
  pathname: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}
