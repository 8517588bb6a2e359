// What only the migration SQL knows, and Prisma does not: the append-only triggers and the CHECK
// constraints. The SQLite migrations (prisma/migrations) are their one definition; the PostgreSQL
// migrations must carry the same ones. This module reads both and writes the PostgreSQL SQL for
// whatever is missing, so a table made append-only in SQLite cannot stay editable in PostgreSQL.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";

const root = path.resolve(__dirname, "..");
export const SQLITE_MIGRATIONS = path.join(root, "prisma", "migrations");
export const POSTGRES_MIGRATIONS = path.join(root, "prisma", "postgres", "migrations");

/** The function every append-only trigger in PostgreSQL calls; its argument is the refusal message. */
export const REFUSE_FUNCTION = "crs_refuse_change";

export interface AppendOnlyTrigger {
  name: string;
  table: string;
  event: "UPDATE" | "DELETE" | "TRUNCATE" | "INSERT";
  message: string;
}
export interface CheckConstraint {
  name: string;
  table: string;
  expression: string;
}
export interface Safeguards {
  triggers: AppendOnlyTrigger[];
  checks: CheckConstraint[];
}

export function migrationFolders(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^\d/.test(name))
    .sort();
}

/** The text between the parenthesis at `open` and its partner. */
function parenthesised(sql: string, open: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < sql.length; i++) {
    const c = sql.charAt(i);
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return sql.slice(open + 1, i);
  }
  throw new Error(`Unbalanced parentheses in: ${sql.slice(open, open + 80)}`);
}

/**
 * A SQLite append-only trigger (`BEFORE UPDATE|DELETE ON "T" ... RAISE(ABORT, '...')`, or a
 * `<T>_no_replace*` `BEFORE INSERT` refusing a taken key, which closes INSERT OR REPLACE), or an error naming it.
 */
function appendOnlyTrigger(name: string, table: string, sql: string): AppendOnlyTrigger {
  const event = /\bBEFORE\s+(UPDATE|DELETE|INSERT)\s+ON\b/i.exec(sql)?.[1]?.toUpperCase();
  const message = /RAISE\s*\(\s*ABORT\s*,\s*'((?:[^']|'')*)'\s*\)/i.exec(sql)?.[1];
  const replaceRefusal = event === "INSERT" && name.startsWith(`${table}_no_replace`);
  if ((event !== "UPDATE" && event !== "DELETE" && !replaceRefusal) || message === undefined) {
    throw new Error(
      `SQLite trigger "${name}" is not an append-only refusal (BEFORE UPDATE|DELETE ... RAISE(ABORT, '...')): write its PostgreSQL twin by hand.`,
    );
  }
  return { name, table, event: event as AppendOnlyTrigger["event"], message: message.replaceAll("''", "'") };
}

/** The triggers and CHECK constraints of a SQLite database built from every SQLite migration. */
export function sqliteSafeguards(): Safeguards {
  const sqlite = new Database(":memory:");
  try {
    for (const name of migrationFolders(SQLITE_MIGRATIONS)) {
      sqlite.exec(readFileSync(path.join(SQLITE_MIGRATIONS, name, "migration.sql"), "utf8"));
    }
    const rows = sqlite
      .prepare(
        "SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master WHERE type IN ('table', 'trigger') AND sql IS NOT NULL ORDER BY name",
      )
      .all() as { type: string; name: string; tableName: string; sql: string }[];
    const triggers: AppendOnlyTrigger[] = [];
    const checks: CheckConstraint[] = [];
    for (const row of rows) {
      if (row.type === "trigger") {
        triggers.push(appendOnlyTrigger(row.name, row.tableName, row.sql));
        continue;
      }
      for (const match of row.sql.matchAll(/CONSTRAINT\s+"([^"]+)"\s+CHECK\s*\(/gi)) {
        const name = match[1] ?? "";
        checks.push({ name, table: row.tableName, expression: parenthesised(row.sql, match.index + match[0].length - 1) });
      }
    }
    return { triggers, checks };
  } finally {
    sqlite.close();
  }
}

/**
 * What PostgreSQL must have for these SQLite safeguards: the same triggers (row-level) and, for
 * each table that refuses DELETE, a refusal of TRUNCATE as well (TRUNCATE fires no row trigger,
 * and SQLite has no TRUNCATE), and the same CHECK constraints. The `_no_replace` INSERT refusals
 * are SQLite's alone: PostgreSQL has no INSERT OR REPLACE, and its INSERT ... ON CONFLICT DO UPDATE
 * fires the UPDATE refusal.
 */
export function postgresSafeguardsFor(sqlite: Safeguards): Safeguards {
  const rowTriggers = sqlite.triggers.filter((t) => t.event !== "INSERT");
  const truncates = sqlite.triggers
    .filter((t) => t.event === "DELETE")
    .map((t): AppendOnlyTrigger => ({ name: `${t.table}_no_truncate`, table: t.table, event: "TRUNCATE", message: t.message }));
  return { triggers: [...rowTriggers, ...truncates], checks: sqlite.checks };
}

/** Trigger and CHECK constraint names of the `public` schema of a PostgreSQL database. */
export async function postgresSafeguardNames(
  client: Pick<pg.Client, "query">,
): Promise<{ triggers: string[]; checks: string[] }> {
  const triggers = await client.query<{ name: string }>(
    `SELECT t.tgname::text AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace ORDER BY 1`,
  );
  const checks = await client.query<{ name: string }>(
    `SELECT conname::text AS name FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace ORDER BY 1`,
  );
  return { triggers: triggers.rows.map((r) => r.name), checks: checks.rows.map((r) => r.name) };
}

/** Trigger and CHECK constraint names the committed PostgreSQL migration SQL creates (read as text, no server). */
export function postgresMigrationSafeguardNames(): { triggers: string[]; checks: string[] } {
  const triggers: string[] = [];
  const checks: string[] = [];
  for (const name of migrationFolders(POSTGRES_MIGRATIONS)) {
    const sql = readFileSync(path.join(POSTGRES_MIGRATIONS, name, "migration.sql"), "utf8");
    for (const m of sql.matchAll(/CREATE\s+TRIGGER\s+"([^"]+)"/gi)) triggers.push(m[1] ?? "");
    for (const m of sql.matchAll(/CONSTRAINT\s+"([^"]+)"\s+CHECK\b/gi)) checks.push(m[1] ?? "");
  }
  return { triggers: triggers.sort(), checks: checks.sort() };
}

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** PostgreSQL SQL creating the given safeguards (and the refusal function, when `withFunction`). */
export function postgresSafeguardSql(missing: Safeguards, { withFunction }: { withFunction: boolean }): string {
  const lines: string[] = [];
  if (withFunction) {
    lines.push(
      "-- Append-only refusal shared by every trigger below; the trigger's argument is the message.",
      `CREATE FUNCTION ${REFUSE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$`,
      "BEGIN",
      "  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';",
      "END;",
      "$$;",
      "",
    );
  }
  for (const trigger of missing.triggers) {
    const level = trigger.event === "TRUNCATE" ? "FOR EACH STATEMENT" : "FOR EACH ROW";
    lines.push(
      `CREATE TRIGGER "${trigger.name}" BEFORE ${trigger.event} ON "${trigger.table}" ${level} EXECUTE FUNCTION ${REFUSE_FUNCTION}(${quoteLiteral(trigger.message)});`,
    );
  }
  if (missing.triggers.length && missing.checks.length) lines.push("");
  for (const check of missing.checks) {
    lines.push(`ALTER TABLE "${check.table}" ADD CONSTRAINT "${check.name}" CHECK (${check.expression});`);
  }
  return lines.join("\n");
}

/** The safeguards `wanted` has that a database with these names lacks. */
export function missingSafeguards(wanted: Safeguards, present: { triggers: string[]; checks: string[] }): Safeguards {
  return {
    triggers: wanted.triggers.filter((t) => !present.triggers.includes(t.name)),
    checks: wanted.checks.filter((c) => !present.checks.includes(c.name)),
  };
}
