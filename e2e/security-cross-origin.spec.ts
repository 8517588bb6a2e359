// Cross-origin writes: a page on another port of the same host auto-submits a text/plain form
// whose body happens to parse as JSON to the observation route, in a browser where the nurse is
// signed in. SameSite=Strict does not stop it (ports share a site); the app must refuse it by
// Origin and Content-Type, and store nothing.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { DEMO_USERS } from "../lib/seed/demo-users";
import { BASE_URL } from "./access-helpers";
import { startOtherOrigin } from "./other-origin";

const nurse = DEMO_USERS.find((u) => u.role === "nurse")!;

async function observationCount(request: APIRequestContext, patientId: string): Promise<number> {
  const timeline = await request.get(`/api/patients/${patientId}/timeline`);
  expect(timeline.status()).toBe(200);
  return ((await timeline.json()) as { observations: unknown[] }).observations.length;
}

/** A form whose text/plain body reads `{"...","note":"x=y"}`: valid JSON, a valid observation. */
function attackPage(action: string): string {
  const effectiveAt = new Date(Date.now() - 5 * 60_000).toISOString();
  const name = `{"idempotencyKey":"cross-origin-${Date.now()}","effectiveAt":"${effectiveAt}","temperature":39.4,"heartRate":120,"note":"x`;
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/'/g, "&#39;");
  return `<!doctype html><title>prize</title>
<form id="f" method="post" enctype="text/plain" action="${action}"><input type="hidden" name='${escape(name)}' value='y"}'></form>
<script>document.getElementById("f").submit()</script>`;
}

test("a text/plain form auto-submitted from another port is refused and stores no observation", async ({ page }) => {
  const signIn = await page
    .context()
    .request.post("/api/session", { data: { username: nurse.username, password: nurse.password } });
  expect(signIn.status()).toBe(200);
  const request = page.context().request;
  const { patients } = (await (await request.get("/api/patients")).json()) as { patients: { id: string }[] };
  const patientId = patients[0]!.id;
  const target = `${BASE_URL}/api/patients/${patientId}/observations`;
  const before = await observationCount(request, patientId);

  const other = await startOtherOrigin(attackPage(target));
  try {
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url() === target && r.request().method() === "POST"),
      page.goto(other.origin),
    ]);
    const headers = answer.request().headers();
    const stored = (await observationCount(request, patientId)) - before;
    console.log(
      `cross-origin form: 1 request from ${other.origin} (origin header ${headers.origin}, content-type ${headers["content-type"]}), answer ${answer.status()}, observations wrongly stored ${stored}`,
    );
    expect(answer.status(), "refused by origin").toBe(403);
    expect(((await answer.json()) as { error: string }).error).toMatch(/origin/i);
    expect(answer.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(stored).toBe(0);
  } finally {
    await other.close();
  }
});

test("state-changing API requests need the app's own Origin and a JSON content type", async ({ playwright }) => {
  const context = await playwright.request.newContext({ baseURL: BASE_URL });
  const signedIn = await context.post("/api/session", {
    data: { username: nurse.username, password: nurse.password },
    headers: { origin: BASE_URL },
  });
  expect(signedIn.status()).toBe(200);
  const { patients } = (await (await context.get("/api/patients")).json()) as { patients: { id: string }[] };
  const patientId = patients[0]!.id;
  const before = await observationCount(context, patientId);
  let sent = 0;
  const observation = () =>
    JSON.stringify({
      idempotencyKey: `origin-${Date.now()}-${++sent}`,
      effectiveAt: new Date(Date.now() - 60_000).toISOString(),
      temperature: 37.2,
    });
  const url = `/api/patients/${patientId}/observations`;
  const cases: { label: string; headers: Record<string, string>; status: number }[] = [
    { label: "sibling port", headers: { origin: "http://127.0.0.1:3999", "content-type": "application/json" }, status: 403 },
    { label: "sibling host", headers: { origin: "http://localhost:3100", "content-type": "application/json" }, status: 403 },
    {
      label: "other scheme",
      headers: { origin: BASE_URL.replace("http:", "https:"), "content-type": "application/json" },
      status: 403,
    },
    { label: "opaque origin", headers: { origin: "null", "content-type": "application/json" }, status: 403 },
    { label: "text/plain", headers: { origin: BASE_URL, "content-type": "text/plain" }, status: 415 },
    { label: "form-urlencoded", headers: { origin: BASE_URL, "content-type": "application/x-www-form-urlencoded" }, status: 415 },
    { label: "no content type", headers: { origin: BASE_URL }, status: 415 },
  ];
  let fiveHundreds = 0;
  for (const c of cases) {
    const response = await context.fetch(url, { method: "POST", data: Buffer.from(observation()), headers: c.headers });
    if (response.status() >= 500) fiveHundreds++;
    expect(response.status(), c.label).toBe(c.status);
    expect(typeof ((await response.json()) as { error: unknown }).error, c.label).toBe("string");
    expect(response.headers()["x-content-type-options"], c.label).toBe("nosniff");
  }
  // Sign-in is state-changing too: a cross-origin page must not sign a browser in (login CSRF).
  const crossSignIn = await context.post("/api/session", {
    data: { username: nurse.username, password: nurse.password },
    headers: { origin: "http://127.0.0.1:3999" },
  });
  expect(crossSignIn.status(), "cross-origin sign-in").toBe(403);
  const stored = (await observationCount(context, patientId)) - before;
  console.log(
    `origin/content-type checks: ${cases.length + 1} requests refused as expected, 5xx ${fiveHundreds}, observations wrongly stored ${stored}`,
  );
  expect(stored).toBe(0);

  const own = await context.fetch(url, {
    method: "POST",
    data: observation(),
    headers: { origin: BASE_URL, "content-type": "application/json; charset=utf-8" },
  });
  expect(own.status(), "the app's own origin with JSON is accepted").toBe(201);
  await context.dispose();
});

test("a server action posted from another origin, or with an opaque one, is refused with 403 and the security headers", async ({
  playwright,
}) => {
  const context = await playwright.request.newContext({ baseURL: BASE_URL });
  const origins = ["http://127.0.0.1:3999", "null"];
  let fiveHundreds = 0;
  for (const origin of origins) {
    const response = await context.fetch("/patients", {
      method: "POST",
      data: "[]",
      headers: { origin, "next-action": "0123456789abcdef0123456789abcdef01234567", "content-type": "text/plain;charset=UTF-8" },
    });
    if (response.status() >= 500) fiveHundreds++;
    expect(response.status(), origin).toBe(403);
    expect(response.headers()["content-security-policy"], origin).toContain("default-src");
  }
  console.log(`cross-origin server actions: ${origins.length} tried, 5xx ${fiveHundreds}`);
  await context.dispose();
});
