// Which store the test run uses: SQLite unless TEST_DATABASE=postgres, which also needs
// TEST_POSTGRES_URL (a server where the tests may create databases; `node scripts/pg-server.mjs`
// or `npm run test:postgres` provides one). Never a silent fallback to SQLite.
import type { Store } from "@/lib/db-url";

export const POSTGRES_TEMPLATE = "crs_test_template";

export function testStore(): Store {
  const wanted = process.env.TEST_DATABASE ?? "sqlite";
  if (wanted === "sqlite") return "sqlite";
  if (wanted === "postgres" || wanted === "postgresql") return "postgresql";
  throw new Error(`TEST_DATABASE must be "sqlite" or "postgres", got "${wanted}"`);
}

export function postgresServerUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url)
    throw new Error(
      "TEST_DATABASE=postgres needs TEST_POSTGRES_URL (see scripts/pg-server.mjs, or run `npm run test:postgres`).",
    );
  return url;
}

/** The URL of one database on the test server. */
export function postgresTestUrl(database: string): string {
  const url = new URL(postgresServerUrl());
  url.pathname = `/${database}`;
  return url.toString();
}
