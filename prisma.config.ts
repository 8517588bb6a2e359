// Prisma CLI configuration: the JavaScript schema engine with the same driver adapter as the app,
// so migrations need no engine binary download. (.env is not read when this file exists.)
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { sqliteFileFromUrl, databaseUrl } from "./lib/db-url";

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

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new MigrationSafeSQLite({ url: sqliteFileFromUrl(databaseUrl()) });
  },
});
