// No page or route handler may escape the access matrix: every app/**/page.tsx and
// app/**/route.ts on disk must have an entry in the route registry, with the methods it exports.
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ROUTE_REGISTRY, routePathOfFile, concretePath } from "@/lib/auth/route-registry";
import { ACTIONS } from "@/lib/auth/permissions";

const root = path.resolve(__dirname, "..");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const appFiles = filesUnder(path.join(root, "app")).map((f) => path.relative(root, f).replace(/\\/g, "/"));
const pageFiles = appFiles.filter((f) => /\/page\.(tsx|ts|jsx|js)$/.test(f));
const routeFiles = appFiles.filter((f) => /\/route\.(ts|js)$/.test(f));

function exportedMethods(file: string): string[] {
  const source = readFileSync(path.join(root, file), "utf8");
  const methods = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g))
    methods.add(m[1]!);
  for (const m of source.matchAll(/export\s+const\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of m[1]!.split(",").map((s) =>
      s
        .trim()
        .split(/\s+as\s+/)
        .pop()!,
    )) {
      if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(name)) methods.add(name);
    }
  }
  return [...methods].sort();
}

describe("route registry", () => {
  it("finds the app's pages and route handlers on disk", () => {
    expect(pageFiles.length).toBeGreaterThan(0);
    expect(routeFiles.length).toBeGreaterThan(0);
  });

  it.each(pageFiles)("has an entry for the page %s", (file) => {
    const served = routePathOfFile(file);
    expect(ROUTE_REGISTRY.filter((e) => e.kind === "page" && e.path === served).map((e) => e.method)).toEqual(["GET"]);
  });

  it.each(routeFiles)("has an entry for every method the route handler %s exports", (file) => {
    const served = routePathOfFile(file);
    const registered = ROUTE_REGISTRY.filter((e) => e.kind === "api" && e.path === served)
      .map((e) => e.method)
      .sort();
    expect(exportedMethods(file).length).toBeGreaterThan(0);
    expect(registered).toEqual(exportedMethods(file));
  });

  it("names only pages and handlers that exist (the e2e matrix requests every entry)", () => {
    const onDisk = new Set([
      ...pageFiles.map((f) => `page GET ${routePathOfFile(f)}`),
      ...routeFiles.flatMap((f) => exportedMethods(f).map((m) => `api ${m} ${routePathOfFile(f)}`)),
    ]);
    const missing = ROUTE_REGISTRY.map((e) => `${e.kind} ${e.method} ${e.path}`).filter((key) => !onDisk.has(key));
    expect(missing).toEqual([]);
  });

  it("lists each method and path once, with a known permission", () => {
    const keys = ROUTE_REGISTRY.map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of ROUTE_REGISTRY) {
      if (entry.action !== null) expect(ACTIONS).toContain(entry.action);
      // A start page may only send a role on to a page that role may see.
      if (entry.elsewhere) {
        const target = ROUTE_REGISTRY.find((e) => e.kind === "page" && e.path === entry.elsewhere!.to);
        expect(target?.action).toBe(entry.elsewhere.ifAllowed);
      }
    }
  });

  it("leaves only signing in and out, and the health check (no patient data), public", () => {
    expect(
      ROUTE_REGISTRY.filter((e) => e.action === null)
        .map((e) => e.path)
        .sort(),
    ).toEqual(["/api/health", "/api/session", "/forbidden", "/login", "/logout"]);
  });

  it("maps files to URL paths, dropping route groups", () => {
    expect(routePathOfFile("app/page.tsx")).toBe("/");
    expect(routePathOfFile("app/(ward)/handoff/page.tsx")).toBe("/handoff");
    expect(routePathOfFile("app/api/doses/[versionId]/amend/route.ts")).toBe("/api/doses/[versionId]/amend");
    expect(concretePath("/patients/[id]/chart", { id: "p 1" })).toBe("/patients/p%201/chart");
    expect(() => concretePath("/patients/[id]", {})).toThrow(/\[id\]/);
  });
});
