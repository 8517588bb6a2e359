// The PostgreSQL client behind lib/db.ts: one pool per process, and the driver adapter's errors in
// the same shape as SQLite's, so the write path's handling of a refused write is the same on both.
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";

type Queryable = { onError(error: unknown): never; startTransaction?(isolationLevel?: string): Promise<Queryable> };

/**
 * PostgreSQL names the columns of a unique violation as quoted identifiers (`Key ("idempotencyKey")=...`),
 * which the adapter passes on with their quotes; SQLite's adapter gives bare names. Strip the
 * quotes, so a double submit is recognised by the same column names on both stores.
 */
function bareColumnNames(error: unknown): void {
  const cause = (error as { cause?: { constraint?: { fields?: unknown } } } | null)?.cause;
  const fields = cause?.constraint?.fields;
  if (cause?.constraint && Array.isArray(fields)) {
    cause.constraint.fields = fields.map((field: unknown) =>
      typeof field === "string" ? field.replace(/^"(.*)"$/, "$1") : field,
    );
  }
}

function withSqliteShapedErrors<Q>(adapter: Q): Q {
  // onError is where the adapter turns a pg error into Prisma's; transactions have their own.
  const queryable = adapter as unknown as Queryable;
  const onError = queryable.onError.bind(queryable);
  queryable.onError = (error: unknown): never => {
    try {
      return onError(error);
    } catch (converted) {
      bareColumnNames(converted);
      throw converted;
    }
  };
  const startTransaction = queryable.startTransaction?.bind(queryable);
  if (startTransaction) {
    queryable.startTransaction = async (isolationLevel) => withSqliteShapedErrors(await startTransaction(isolationLevel));
  }
  return adapter;
}

class PrismaPgSqliteShapedErrors extends PrismaPg {
  async connect() {
    return withSqliteShapedErrors(await super.connect());
  }
}

export function connectPostgres(url: string): PostgresPrismaClient {
  const pool = new pg.Pool({
    connectionString: url,
    // Per instance; the server's max_connections must cover every instance's pool.
    max: Number(process.env.DATABASE_POOL_SIZE) || 10,
    // Let a script (seed, migration, test) exit once its queries are done.
    allowExitOnIdle: true,
  });
  return new PostgresPrismaClient({ adapter: new PrismaPgSqliteShapedErrors(pool, { disposeExternalPool: true }) });
}

/** A signed 64-bit key for PostgreSQL's advisory locks, the same in every instance for one patient. */
export function patientLockKey(patientId: string): bigint {
  return createHash("sha256").update(`patient:${patientId}`).digest().readBigInt64BE(0);
}
