// Prisma CLI configuration: the JavaScript schema engine with the same driver adapter as the app,
// so migrations need no engine binary download. (.env is not read when this file exists.)
// DATABASE_URL picks the store, as in lib/db.ts: a file: URL (or none) the SQLite schema and
// migrations, a postgresql:// URL the generated PostgreSQL schema and its own migrations.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { sqliteFileFromUrl, databaseUrl, storeOf } from "./lib/db-url";

// better-sqlite3 rejects multi-statement SQL in executeRaw, which Prisma uses when it replays
// migrations that redefine a table into the shadow database; send such SQL through executeScript.
class MigrationSafeSQLite extends PrismaBetterSQLite3 {
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await super.connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length === 0) {
        await shadow.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return shadow;
  }
}

function poolConfig(url: string): pg.PoolConfig {
  // allowExitOnIdle: without it the CLI waits for idle connections to time out (10 s) before exiting.
  return { connectionString: url, allowExitOnIdle: true, max: 4 };
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgResult = { fields: { dataTypeID: number }[]; rows: unknown[][] };
type PgInternals = { client: pg.Pool; performIO(query: unknown): Promise<PgResult>; onError(error: unknown): never };

// Two gaps in the adapter that only migrations meet (the app's own queries never do):
// - It cannot read PostgreSQL's `"char"` (type 18) and `name` (type 19) columns, which the schema
//   engine reads from the system catalogues: both are reported to the adapter as text, then the
//   "char" columns retyped as characters (the engine reads pg_constraint.contype as one, and
//   aborts with "unreachable" as soon as a table has a CHECK constraint otherwise).
// - It runs a migration by splitting its text at every ";" and sending the pieces one by one,
//   which cuts a PL/pgSQL function body (the append-only triggers' function) apart. Send the
//   whole script instead: without parameters PostgreSQL accepts several statements in one query
//   and runs them as one transaction, so a migration applies completely or not at all.
const CHAR = 18;
const NAME = 19;
const TEXT = 25;
function forMigrations(adapter: PgAdapter): PgAdapter {
  const internals = adapter as unknown as PgInternals;
  const performIO = internals.performIO.bind(adapter);
  const charColumns = new WeakMap<unknown[][], number[]>();
  internals.performIO = async (query) => {
    const result = await performIO(query);
    // A script of several statements (executeRaw without parameters) gives one result each.
    if (Array.isArray(result)) return result;
    const chars: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR) chars.push(index);
      if (field.dataTypeID === NAME || field.dataTypeID === CHAR) field.dataTypeID = TEXT;
    });
    if (chars.length) charColumns.set(result.rows, chars);
    return result;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(result.rows as unknown[][]) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  adapter.executeScript = async (script: string) => {
    try {
      await internals.client.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

// The schema engine replays the migrations into a shadow database. The adapter's own shadow
// database inherits the connection string's database name, i.e. the real one: use a database of
// its own instead (<name>_shadow on the same server), wiped on each use.
class MigratingPg extends PrismaPg {
  constructor(private readonly url: string) {
    super(poolConfig(url));
  }

  async connect() {
    return forMigrations(await super.connect());
  }

  async connectToShadowDb() {
    const target = new URL(this.url);
    const shadowName = `${decodeURIComponent(target.pathname.slice(1)) || "postgres"}_shadow`;
    const quoted = `"${shadowName.replaceAll('"', '""')}"`;
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${quoted}`);
    } finally {
      await admin.end();
    }
    target.pathname = `/${encodeURIComponent(shadowName)}`;
    return forMigrations(await new PrismaPg(poolConfig(target.toString())).connect());
  }
}

const url = databaseUrl();
const postgres = storeOf(url) === "postgresql";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  async adapter() {
    return postgres ? new MigratingPg(url) : new MigrationSafeSQLite({ url: sqliteFileFromUrl(url) });
  },
});
