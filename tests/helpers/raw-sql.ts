// SQL sent past the app on the test's own store (SQLite file or PostgreSQL database), for tests
// that prove the database itself refuses something.
import Database from "better-sqlite3";
import pg from "pg";
import { store } from "@/lib/db";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db-url";

/**
 * Runs SQL on a raw connection, bypassing the app entirely, and returns the database's error
 * message. Parameters are written `?`; PostgreSQL's `$1, $2, ...` are numbered here.
 */
export async function rawError(sql: string, ...params: unknown[]): Promise<string | null> {
  if (store === "postgresql") {
    let n = 0;
    const raw = new pg.Client({ connectionString: databaseUrl() });
    await raw.connect();
    try {
      await raw.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
      return null;
    } catch (error) {
      return (error as Error).message;
    } finally {
      await raw.end();
    }
  }
  const raw = new Database(sqliteFileFromUrl(databaseUrl()), { timeout: 5000 });
  try {
    raw.prepare(sql).run(...params);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    raw.close();
  }
}
