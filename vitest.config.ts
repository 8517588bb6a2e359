import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts"],
    // A fresh database per test file: SQLite by default, PostgreSQL with TEST_DATABASE=postgres.
    globalSetup: ["tests/postgres-template.ts"],
    setupFiles: ["tests/setup-database.ts"],
    environment: "node",
    // Integration tests each use their own database; files run in parallel workers.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
