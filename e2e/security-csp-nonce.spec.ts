// The Content-Security-Policy runs no inline script without this request's nonce, yet every page
// still works in Chromium; answers are never cached; HSTS is sent when the app is reached over HTTPS.
import { test, expect } from "@playwright/test";
import { apiAs, BASE_URL } from "./access-helpers";
import { signIn } from "./helpers";

function nonceOf(csp: string): string | null {
  return /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;
}

test("every script on a page carries this request's nonce, and the nonce is fresh each time", async () => {
  const physician = await apiAs("physician");
  const nonces = new Set<string>();
  let scripts = 0;
  let unnonced = 0;
  for (const path of ["/login", "/", "/handoff", "/audit/log", "/login"]) {
    const context = path === "/login" ? await apiAs(null) : physician;
    const response = await context.get(path);
    expect(response.status(), path).toBe(200);
    const csp = response.headers()["content-security-policy"] ?? "";
    const nonce = nonceOf(csp);
    expect(nonce, `${path}: a nonce in ${csp}`).not.toBeNull();
    expect(csp).not.toContain("'unsafe-inline' 'nonce");
    nonces.add(nonce!);
    for (const tag of (await response.text()).match(/<script\b[^>]*>/g) ?? []) {
      scripts++;
      if (!tag.includes(`nonce="${nonce}"`)) unnonced++;
    }
    if (context !== physician) await context.dispose();
  }
  console.log(`csp nonce: 5 pages, ${scripts} script tags, ${unnonced} without the nonce, ${nonces.size} distinct nonces`);
  expect(scripts).toBeGreaterThan(5);
  expect(unnonced).toBe(0);
  expect(nonces.size).toBe(5);
  await physician.dispose();
});

test("in Chromium the pages work under the policy, and an injected inline script does not run", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, "physician");
  for (const path of ["/", "/handoff", "/patients/new"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  // A client-side navigation and a hydrated form: the framework's scripts ran.
  await page.goto("/");
  await page.getByRole("link", { name: "Handoff" }).first().click();
  await page.waitForURL("**/handoff");
  const fromTheApp = violations.length;
  const injected = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.appendChild(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  console.log(`csp in chromium: ${fromTheApp} violations from the app's own scripts; injected inline script ran: ${injected}`);
  expect(fromTheApp).toBe(0);
  expect(injected).toBe(false);
});

test("pages, API answers and refusals are never cached", async () => {
  const physician = await apiAs("physician");
  const nobody = await apiAs(null);
  const answers = [
    ["GET /", await physician.get("/")],
    ["GET /login", await nobody.get("/login")],
    ["GET /api/patients", await physician.get("/api/patients")],
    ["GET /api/patients (401)", await nobody.get("/api/patients")],
    ["GET /audit/doses/export", await (await apiAs("auditor")).get("/audit/doses/export")],
    ["POST /api/session (400)", await nobody.post("/api/session", { data: {}, headers: { origin: BASE_URL } })],
    ["POST /api/patients (403)", await physician.post("/api/patients", { data: {}, headers: { origin: "http://127.0.0.1:1" } })],
  ] as const;
  const cached = answers.filter(([, r]) => !(r.headers()["cache-control"] ?? "").includes("no-store")).map(([label]) => label);
  console.log(`cache-control: ${answers.length} answers, ${cached.length} without no-store ${cached.join(", ")}`);
  expect(cached).toEqual([]);
  await Promise.all([physician.dispose(), nobody.dispose()]);
});

test("HSTS is sent over HTTPS (a TLS-terminating proxy says so) and not over plain HTTP", async () => {
  const nobody = await apiAs(null);
  const overHttps = await nobody.get("/login", { headers: { "x-forwarded-proto": "https" } });
  const overHttp = await nobody.get("/login");
  console.log(
    `hsts: https ${overHttps.headers()["strict-transport-security"]}, http ${overHttp.headers()["strict-transport-security"]}`,
  );
  expect(overHttps.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(overHttp.headers()["strict-transport-security"]).toBeUndefined();
  await nobody.dispose();
});
