// prisma/postgres/schema.prisma is generated from prisma/schema.prisma, the one definition of the
// models: a Prisma schema names one provider, so the PostgreSQL store needs its own file. Only the
// datasource provider, its placeholder url and the client's output folder differ.
//   node scripts/postgres-schema.mjs          write prisma/postgres/schema.prisma
//   node scripts/postgres-schema.mjs --check  fail when the committed file is not what it would write
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgres", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs: do not edit.
// Change the models in prisma/schema.prisma, then run \`npm run db:postgres-migration -- <name>\`.

`;

/** Replaces exactly one match of `pattern` in `text`, or fails naming what it looked for. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`)) ?? [];
  if (matches.length !== 1) {
    throw new Error(`prisma/schema.prisma: expected one ${what}, found ${matches.length}; update scripts/postgres-schema.mjs`);
  }
  return text.replace(pattern, replacement);
}

export function postgresSchemaText(sqliteSchema = readFileSync(SQLITE_SCHEMA, "utf8")) {
  let text = sqliteSchema;
  text = replaceOnce(text, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"', 'datasource provider = "sqlite"');
  // Unused at run time (the driver adapter connects), but `prisma generate` needs a url.
  text = replaceOnce(
    text,
    /url\s*=\s*"file:[^"]*"/,
    'url      = "postgresql://localhost/crs_watch"',
    'datasource url = "file:..."',
  );
  // The schema moves one folder down (prisma/postgres/), and its client goes to its own folder.
  text = replaceOnce(
    text,
    /output\s*=\s*"\.\.\/lib\/generated\/prisma"/,
    'output     = "../../lib/generated/prisma-pg"',
    'generator output = "../lib/generated/prisma"',
  );
  return HEADER + text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const wanted = postgresSchemaText();
  if (process.argv.includes("--check")) {
    let committed = "";
    try {
      committed = readFileSync(POSTGRES_SCHEMA, "utf8");
    } catch {
      // missing: reported below
    }
    if (committed !== wanted) {
      console.error(
        "prisma/postgres/schema.prisma is not generated from prisma/schema.prisma: run `node scripts/postgres-schema.mjs`.",
      );
      process.exit(1);
    }
    console.log("prisma/postgres/schema.prisma is generated from prisma/schema.prisma.");
  } else {
    mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
    writeFileSync(POSTGRES_SCHEMA, wanted);
    console.log(`Wrote ${path.relative(root, POSTGRES_SCHEMA)}`);
  }
}
