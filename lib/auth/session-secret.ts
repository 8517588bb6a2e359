// The session-sealing secret: SESSION_SECRET if set, else a random one generated on first start
// and kept beside the database (never in the repository).
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db-url";

function secretFile(): string {
  return path.join(path.dirname(sqliteFileFromUrl(databaseUrl())), "session-secret");
}

/** Creates the secret file if neither the variable nor the file exists. */
export function ensureSessionSecret(): void {
  if (process.env.SESSION_SECRET) return;
  const file = secretFile();
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
}

export function sessionSecret(): string {
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("SESSION_SECRET must be at least 32 characters");
    return fromEnv;
  }
  ensureSessionSecret();
  return fs.readFileSync(secretFile(), "utf8").trim();
}
