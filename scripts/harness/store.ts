// The store a harness script (load test, crash test) runs against, chosen with `--store`:
//   sqlite (the default): one production server on a throwaway SQLite file;
//   postgres: two production servers (instances) on one throwaway PostgreSQL database, as a
//   hospital runs it behind a load balancer. The server is the one `npm test` started
//   (TEST_POSTGRES_URL) or one started here.
// The checks afterwards read the database directly, with the same SQL on both stores.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { startPostgres } from "../pg-server.mjs";
import { prepareDatabase, preparePostgresDatabase, startServer, type RunningServer, type ThrowawayDatabase } from "./server";

export type StoreName = "sqlite" | "postgres";

/** `--store sqlite|postgres` from the command line (sqlite when absent). */
export function storeFromArgs(argv: readonly string[] = process.argv): StoreName {
  const at = argv.indexOf("--store");
  const name = at >= 0 ? argv[at + 1] : "sqlite";
  if (name !== "sqlite" && name !== "postgres") throw new Error(`--store ${name}: sqlite or postgres`);
  return name;
}

export interface TestStore {
  name: StoreName;
  database: ThrowawayDatabase;
  /** One server on SQLite; two instances on PostgreSQL. */
  instances: number;
  /** Instance `index` on port `basePort + index` (again after a crash). */
  startInstance(index: number, basePort: number): Promise<RunningServer>;
  /** Rows of a read-only query; `?` marks each parameter, in order. */
  query<Row>(sql: string, ...params: unknown[]): Promise<Row[]>;
  /** SQLite's integrity_check ("ok" when sound); null on PostgreSQL, whose server is never the process killed. */
  integrity(): Promise<string | null>;
  close(): Promise<void>;
}

export async function openTestStore(name: StoreName, label: string): Promise<TestStore> {
  return name === "postgres" ? postgresStore(label) : sqliteStore(label);
}

function sqliteStore(label: string): TestStore {
  const database = prepareDatabase(`crs-${label}-`);
  let reader: Database.Database | null = null;
  // Opened on first use: after a crash the file is read as the restarted server left it.
  const open = () => (reader ??= new Database(database.file, { readonly: true }));
  return {
    name: "sqlite",
    database,
    instances: 1,
    startInstance: (index, basePort) => startServer(database, basePort + index),
    query: async <Row>(sql: string, ...params: unknown[]) =>
      open()
        .prepare(sql)
        .all(...params) as Row[],
    integrity: async () => String(open().pragma("integrity_check", { simple: true })),
    close: async () => {
      reader?.close();
      database.remove();
    },
  };
}

async function postgresStore(label: string): Promise<TestStore> {
  const server = process.env.TEST_POSTGRES_URL
    ? { url: process.env.TEST_POSTGRES_URL, stop: () => undefined }
    : await startPostgres({ quiet: true });
  const database = await preparePostgresDatabase(server.url, `crs_${label}_${randomUUID().slice(0, 8)}`);
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
  await client.connect();
  return {
    name: "postgres",
    database,
    instances: 2,
    startInstance: (index, basePort) => startServer(database, basePort + index, 60_000),
    // Counts are written CAST(COUNT(*) AS INTEGER): PostgreSQL's COUNT is a bigint, which pg returns as a string.
    query: async <Row>(sql: string, ...params: unknown[]) => {
      let n = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as Row[];
    },
    integrity: async () => null,
    close: async () => {
      await client.end();
      server.stop();
    },
  };
}

/** Every instance of the store, on ports from `basePort`. */
export function startInstances(store: TestStore, basePort: number): Promise<RunningServer[]> {
  return Promise.all(Array.from({ length: store.instances }, (_, index) => store.startInstance(index, basePort)));
}
