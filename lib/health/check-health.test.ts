// The health check against real databases: the test file's own (SQLite, or PostgreSQL with
// `npm run test:postgres`) answers; a database that cannot be opened or reached is reported as
// unavailable, without throwing and without the error's text in the answer.
import { describe, it, expect, vi } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { store } from "@/lib/db";
import { connectPostgres } from "@/lib/db-postgres";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { checkHealth } from "@/lib/health/check-health";

describe("checkHealth", () => {
  it("reports the store and a reachable database", async () => {
    const report = await checkHealth();
    expect(report).toMatchObject({ status: "ok", store, database: "reachable" });
    expect(Object.keys(report).sort()).toEqual(["checkedInMs", "database", "status", "store"]);
    expect(report.checkedInMs).toBeGreaterThanOrEqual(0);
  });

  it("reports an unreachable database as unavailable", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const sqlite = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: "/nonexistent-folder/crs-watch.db" }) });
    expect(await checkHealth(sqlite, "sqlite")).toMatchObject({
      status: "unavailable",
      store: "sqlite",
      database: "unreachable",
    });
    // Port 1 on this machine: nothing listens there.
    const postgres = connectPostgres("postgresql://nobody@127.0.0.1:1/none");
    const report = await checkHealth(postgres, "postgresql");
    expect(report).toMatchObject({ status: "unavailable", store: "postgresql", database: "unreachable" });
    expect(JSON.stringify(report)).not.toMatch(/ECONNREFUSED|nonexistent/);
    await postgres.$disconnect();
  });
});
