// The one database access point. DATABASE_URL picks the store (lib/db-url.ts): embedded SQLite by
// default, PostgreSQL for a deployment of several instances. Callers see one client type and one
// `writeTransaction` either way.
//
// SQLite through better-sqlite3 is a single connection per client, and Prisma's adapter only
// serialises *transactions* on it. A plain read issued while another request's transaction is
// open on the same connection would see that transaction's uncommitted rows. So reads use one
// connection and every write goes through `writeTransaction` on a second one: readers only ever
// see committed facts (WAL gives them a consistent snapshot), and writers queue one at a time.
//
// PostgreSQL: one pool. Every query outside a transaction takes its own pooled connection and
// sees committed rows only, so reads and writes share the client; transactions run side by side,
// and those that must not (two writes for one patient) serialise with `lockPatientForWrite`.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma as SqlitePrisma } from "@/lib/generated/prisma/client";
import type { Prisma as PostgresPrisma } from "@/lib/generated/prisma-pg/client";
import { databaseUrl, sqliteFileFromUrl, storeOf } from "@/lib/db-url";
import { connectPostgres, patientLockKey } from "@/lib/db-postgres";

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Which store this process uses, fixed at start-up. */
export const store = storeOf(databaseUrl());

/**
 * better-sqlite3 is built with WAL's `synchronous = NORMAL`: a commit reaches the operating
 * system but not the disk, so a power cut or an OS crash can take the last writes a nurse was told
 * were saved. FULL syncs the log at every commit (0.4 ms here), as PostgreSQL's default
 * `synchronous_commit = on` does. A setting of each connection, so set as each one opens.
 */
class DurableSqlite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA synchronous = FULL");
    return adapter;
  }
}

function connectSqlite(): PrismaClient {
  // timeout = SQLite busy timeout (ms): another process writing (a seed, a second server)
  // makes us wait instead of failing with "database is locked".
  const adapter = new DurableSqlite({ url: sqliteFileFromUrl(databaseUrl()), timeout: 10_000 });
  return new PrismaClient({ adapter });
}

function connectPostgresStore(): PrismaClient {
  // Same models, same rows (checked below); the clients differ only in options one store has and
  // the other lacks (e.g. isolation levels), which callers do not use.
  return connectPostgres(databaseUrl()) as unknown as PrismaClient;
}

// Both clients are generated from the same models (prisma/postgres/schema.prisma is derived from
// prisma/schema.prisma): every model and its columns have the same types in both, or this stops
// compiling, and callers can keep the one `PrismaClient` type whichever store runs.
type Columns<TypeMap> = { [Model in keyof TypeMap]: TypeMap[Model] extends { payload: { scalars: infer Row } } ? Row : never };
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameModels: Same<Columns<SqlitePrisma.TypeMap["model"]>, Columns<PostgresPrisma.TypeMap["model"]>> = true;
void sameModels;

const connect = store === "postgresql" ? connectPostgresStore : connectSqlite;

const globalForDb = globalThis as unknown as { crsReader?: PrismaClient; crsWriter?: PrismaClient };

/** Read-only use: pages, exports, engine inputs. */
export const db: PrismaClient = (globalForDb.crsReader ??= connect());
const writer: PrismaClient = (globalForDb.crsWriter ??= store === "postgresql" ? db : connect());

/** Every change to clinical data and its audit event commit together, or not at all. */
export function writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return writer.$transaction(work, { maxWait: 20_000, timeout: 20_000 });
}

/**
 * One insert that is complete by itself (an access event: who read what), at the cost of one
 * statement. PostgreSQL runs it as is, one round trip; SQLite queues it on the one writer
 * connection as a transaction of its own (in-process, no round trip), because a statement sent on
 * that connection while another transaction is open would join it.
 */
export function writeSingle<T>(work: (client: Pick<PrismaClient, "auditEvent">) => Promise<T>): Promise<T> {
  return store === "postgresql" ? work(writer) : writeTransaction(work);
}

/**
 * Call first in a write transaction whose checks read the patient's earlier facts (the
 * tocilizumab limits): a second transaction for the same patient waits here until this one
 * commits or rolls back, then sees its rows, whichever instance runs it.
 * PostgreSQL: a transaction-scoped advisory lock on a hash of the patient id (released at commit
 * or rollback; a rare hash collision between two patients only makes one wait, never wrong).
 * SQLite: nothing to do. The file has one writer at a time: every write transaction of this
 * process queues on the one writer connection, and another process's write waits on the file
 * lock (busy timeout), so no two write transactions ever overlap.
 */
export async function lockPatientForWrite(tx: Tx, patientId: string): Promise<void> {
  if (store !== "postgresql") return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${patientLockKey(patientId).toString()}::bigint)`;
}

export async function disconnectDb(): Promise<void> {
  await Promise.all([...new Set([db, writer])].map((client) => client.$disconnect()));
}
