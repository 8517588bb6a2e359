import { describe, expect, it } from "vitest";
import { appOrigin, checkWriteRequest, isJsonContentType, isSameOrigin, type WriteRequest } from "./same-origin";

const APP = "http://127.0.0.1:3100";
const write = (overrides: Partial<WriteRequest>): WriteRequest => ({
  method: "POST",
  origin: APP,
  fetchSite: "same-origin",
  contentType: "application/json",
  expectedOrigin: APP,
  requireJson: true,
  ...overrides,
});

describe("isSameOrigin: scheme, host and port all equal", () => {
  it("accepts the app's own origin", () => {
    expect(isSameOrigin(APP, APP)).toBe(true);
    expect(isSameOrigin("https://ward.example", "https://ward.example:443")).toBe(true);
  });
  it.each([
    "http://127.0.0.1:3999",
    "http://localhost:3100",
    "https://127.0.0.1:3100",
    "null",
    "",
    "http://127.0.0.1:3100.evil.example",
    "http://evil.example#http://127.0.0.1:3100",
    "http://127.0.0.1:3100/path",
    "not a url",
  ])("refuses %j", (origin) => {
    expect(isSameOrigin(origin, APP)).toBe(false);
  });
});

describe("appOrigin", () => {
  const address = (host: string | null, forwardedProto: string | null = null) => ({
    host,
    forwardedProto,
    url: "http://localhost:3100/api/patients",
  });
  it("is the scheme and Host the browser used, not the server's internal URL", () => {
    expect(appOrigin(address("127.0.0.1:3100"), undefined)).toBe(APP);
    expect(appOrigin(address("ward.example", "https"), undefined)).toBe("https://ward.example");
    expect(appOrigin(address("ward.example:443", "https,http"), undefined)).toBe("https://ward.example");
    expect(appOrigin(address(null), undefined)).toBe("http://localhost:3100");
    expect(appOrigin(address("bad host/x"), undefined)).toBe("http://localhost:3100");
  });
  it("is APP_ORIGIN when configured", () => {
    expect(appOrigin(address("10.0.0.5:3000"), "https://crs.ward.example/")).toBe("https://crs.ward.example");
    expect(appOrigin(address("10.0.0.5:3000"), " ")).toBe("http://10.0.0.5:3000");
  });
});

describe("isJsonContentType", () => {
  it.each([
    ["application/json", true],
    ["Application/JSON; charset=utf-8", true],
    ["text/plain", false],
    ["application/x-www-form-urlencoded", false],
    ["multipart/form-data; boundary=x", false],
    ["application/jsonp", false],
    [null, false],
  ] as const)("%j -> %j", (type, expected) => expect(isJsonContentType(type)).toBe(expected));
});

describe("checkWriteRequest", () => {
  it("lets reads through untouched", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect(checkWriteRequest(write({ method, origin: "http://evil.example", contentType: null })).ok).toBe(true);
  });
  it("refuses a write from another origin with 403, whatever its content type", () => {
    const attempts = [
      write({ origin: "http://127.0.0.1:3999", fetchSite: "same-site", contentType: "text/plain" }),
      write({ origin: "null", fetchSite: "cross-site" }),
      write({ method: "PATCH", origin: "http://localhost:3100" }),
      write({ origin: null, fetchSite: "same-site" }),
      write({ origin: "http://127.0.0.1:3999", requireJson: false, contentType: "application/x-www-form-urlencoded" }),
    ];
    const statuses = attempts.map((a) => {
      const c = checkWriteRequest(a);
      return c.ok ? 200 : c.status;
    });
    console.log(`origin check: ${attempts.length} cross-origin writes tried, statuses ${statuses.join(",")}`);
    expect(statuses).toEqual([403, 403, 403, 403, 403]);
  });
  it("refuses a same-origin write that is not JSON with 415", () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null]) {
      expect(checkWriteRequest(write({ contentType }))).toMatchObject({ ok: false, status: 415 });
    }
  });
  it("accepts the app's own JSON writes, a same-origin form post where JSON is not required, and clients that are not browsers", () => {
    expect(checkWriteRequest(write({})).ok).toBe(true);
    expect(checkWriteRequest(write({ origin: null })).ok).toBe(true);
    expect(checkWriteRequest(write({ requireJson: false, contentType: "application/x-www-form-urlencoded" })).ok).toBe(true);
    // A script or CLI: no Origin, no Sec-Fetch-Site; no page can make a browser send that.
    expect(checkWriteRequest(write({ origin: null, fetchSite: null })).ok).toBe(true);
    expect(checkWriteRequest(write({ origin: null, fetchSite: null, contentType: "text/plain" }))).toMatchObject({
      ok: false,
      status: 415,
    });
  });
});
