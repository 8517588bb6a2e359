// The layering lint enforces (eslint.config.mjs, eslint-rules/) fails on a deliberate violation and
// passes its control: the project's own configuration, run through ESLint's Node API.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, "eslint.config.mjs") });
});

/** The messages of the project's own rules (unused imports and the like are not the point here). */
function layeringMessages(results: ESLint.LintResult[]): { file: string; rule: string | null; message: string }[] {
  return results.flatMap((result) =>
    result.messages
      .filter((m) => m.ruleId?.startsWith("crs-watch/") || m.fatal)
      .map((m) => ({ file: path.relative(ROOT, result.filePath), rule: m.ruleId, message: m.message })),
  );
}

async function lintEngineSource(source: string, fileName = "lint-probe.ts") {
  return layeringMessages(await eslint.lintText(source, { filePath: path.join(ROOT, "lib/engine", fileName) }));
}

describe("lib/engine imports only its own modules, zod and date-fns", () => {
  it.each([
    ['import { NextResponse } from "next/server";', "next/server"],
    ['import { PrismaClient } from "@prisma/client";', "@prisma/client"],
    ['import type { Prisma } from "@/lib/generated/prisma/client";', "@/lib/generated/prisma/client"],
    ['import { readFileSync } from "node:fs";', "node:fs"],
    ['import { readFileSync } from "fs";', "fs"],
    ['import { db } from "@/lib/db";', "@/lib/db"],
    ['import { useState } from "react";', "react"],
    ['import type { ObservationVersion } from "../timeline/facts";', "../timeline/facts"],
    ['export { formatWardDateTime } from "../format/time";', "../format/time"],
    ['const fs = await import("node:fs");', "node:fs"],
  ])("refuses %s", async (source, specifier) => {
    // (Importing a lib/ folder that imports the engine is also a folder cycle: reported by the other rule.)
    const messages = (await lintEngineSource(source)).filter((m) => m.rule !== "crs-watch/no-import-cycles");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ rule: "crs-watch/engine-imports" });
    expect(messages[0]?.message).toContain(`must not import ${specifier}`);
  });

  it("allows zod, date-fns and the engine's own modules (relative or by alias)", async () => {
    const source = [
      'import { z } from "zod";',
      'import { addHours } from "date-fns";',
      'import { formatInstant } from "./time";',
      'import type { CrsGrade } from "@/lib/engine/types";',
      "export const probe = [z, addHours, formatInstant] as const;",
      "export type Probe = CrsGrade;",
    ].join("\n");
    expect(await lintEngineSource(source)).toEqual([]);
  });

  it("lets the engine's tests use vitest and fast-check, and nothing else from outside", async () => {
    const allowed = 'import { it } from "vitest";\nimport fc from "fast-check";\nexport const probe = [it, fc];';
    expect(await lintEngineSource(allowed, "lint-probe.test.ts")).toEqual([]);
    const refused = await lintEngineSource('import { db } from "@/lib/db";\nexport const probe = db;', "lint-probe.test.ts");
    expect(refused.map((m) => m.rule)).toEqual(["crs-watch/engine-imports"]);
  });
});

describe("no import cycle between lib/ modules or lib/ folders", () => {
  // Real files (the rule reads the other side of a cycle from disk), in folders of their own under lib/.
  const probe = `lint-probe-${process.pid}`;
  const dirs = ["a", "b", "c"].map((name) => path.join(ROOT, "lib", `${probe}-${name}`));
  const [dirA = "", dirB = "", dirC = ""] = dirs;
  const file = (dir: string, name: string, text: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const lintFiles = async (files: string[]) => layeringMessages(await eslint.lintFiles(files));

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("fails on two modules that import each other, a type import counting as an import", async () => {
    const one = file(dirA, "one.ts", 'import type { Two } from "./two";\nexport type One = { two: Two | null };\n');
    const two = file(dirA, "two.ts", 'import { type One } from "./one";\nexport type Two = { one: One | null };\n');
    const messages = await lintFiles([one, two]);
    expect(messages.map((m) => m.rule)).toEqual(["crs-watch/no-import-cycles", "crs-watch/no-import-cycles"]);
    expect(messages[0]?.message).toContain(
      `Import cycle: lib/${probe}-a/one.ts -> lib/${probe}-a/two.ts -> lib/${probe}-a/one.ts`,
    );
  });

  it("fails on two folders that import each other through different modules", async () => {
    const up = file(dirB, "up.ts", `import { down } from "@/lib/${probe}-c/down";\nexport const up = () => down;\n`);
    file(dirB, "shared.ts", "export const shared = 1;\n");
    const down = file(dirC, "down.ts", `import { shared } from "../${probe}-b/shared";\nexport const down = shared;\n`);
    const messages = await lintFiles([up, down]);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ file: `lib/${probe}-b/up.ts`, rule: "crs-watch/no-import-cycles" });
    expect(messages[0]?.message).toContain(`Folder cycle: lib/${probe}-b -> lib/${probe}-c -> lib/${probe}-b`);
  });

  it("passes once one direction is gone", async () => {
    const down = file(dirC, "down.ts", "export const down = 2;\n");
    const up = path.join(dirB, "up.ts");
    const one = file(dirA, "one.ts", "export type One = { two: null };\n");
    expect(await lintFiles([up, down, one, path.join(dirA, "two.ts")])).toEqual([]);
  });
});
