// The one database access point.
//
// SQLite through better-sqlite3 is a single connection per client, and Prisma's adapter only
// serialises *transactions* on it. A plain read issued while another request's transaction is
// open on the same connection would see that transaction's uncommitted rows. So reads use one
// connection and every write goes through `writeTransaction` on a second one: readers only ever
// see committed facts (WAL gives them a consistent snapshot), and writers queue one at a time.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db-url";

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function connect(): PrismaClient {
  // timeout = SQLite busy timeout (ms): another process writing (a seed, a second server)
  // makes us wait instead of failing with "database is locked".
  const adapter = new PrismaBetterSQLite3({ url: sqliteFileFromUrl(databaseUrl()), timeout: 10_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { crsReader?: PrismaClient; crsWriter?: PrismaClient };

/** Read-only use: pages, exports, engine inputs. */
export const db: PrismaClient = (globalForDb.crsReader ??= connect());
const writer: PrismaClient = (globalForDb.crsWriter ??= connect());

/** Every change to clinical data and its audit event commit together, or not at all. */
export function writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return writer.$transaction(work, { maxWait: 20_000, timeout: 20_000 });
}

export async function disconnectDb(): Promise<void> {
  await Promise.all([db.$disconnect(), writer.$disconnect()]);
}
