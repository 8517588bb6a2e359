import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath: only a path inside the app is followed after sign-in", () => {
  const inside = [
    "/",
    "/patients/abc",
    "/handoff?view=all",
    "/patients/abc/chart?amend=v1#top",
    "/patients/a%20b",
    "/audit/log?actor=x&page=2",
  ];
  const elsewhere = [
    "//evil.example/x",
    "/\\evil.example/x",
    "/%5Cevil.example/x",
    "/%5cevil.example/x",
    "/\t/evil.example/x",
    "/%09/evil.example/x",
    "/%0a/evil.example",
    "/%2F/evil.example",
    "%2F%2Fevil.example",
    "https://evil.example/x",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    " /patients",
    "/patients\\x",
    "/pat\u0000ients",
    "/%E0%A4%A",
    "\\\\evil.example",
  ];

  it.each(inside)("keeps %j", (next) => {
    expect(safeNextPath(next)).toBe(next);
  });

  it("sends every crafted value to the start page", () => {
    const escaped = elsewhere.filter((next) => safeNextPath(next) !== "/");
    console.log(`next-path: ${elsewhere.length} crafted values tried, ${escaped.length} followed`);
    expect(escaped).toEqual([]);
  });

  it("ignores what is not text", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(["/a", "/b"])).toBe("/");
  });
});
