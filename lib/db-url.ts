// Which store, and where: DATABASE_URL=postgresql://... (or postgres://...) selects PostgreSQL;
// a file: URL, or none, the embedded SQLite database (data/crs-watch.db unless the URL names another file).
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/crs-watch.db";

export type Store = "sqlite" | "postgresql";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function storeOf(url: string): Store {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a file: URL (embedded SQLite) or a postgresql:// URL, got "${url}"`);
}

/** "file:./data/x.db" -> absolute path of the SQLite file (relative paths are from the project root). */
export function sqliteFileFromUrl(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: URL for the embedded database, got "${url}"`);
  }
  const file = url.slice("file:".length).split("?")[0] ?? "";
  // Resolved at run time only; the ignore comment keeps the build from tracing the whole project.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}
