// Input that used to crash the production server with a bare 500 (no security headers): a lone
// UTF-16 surrogate in a JSON text field, a malformed percent-escape in the URL, and a sign-in
// form posted before the page's scripts ran. Each must be a 4xx with the security headers, or work.
import { test, expect, type APIResponse } from "@playwright/test";
import { DEMO_USERS } from "../lib/seed/demo-users";
import { apiAs, BASE_URL } from "./access-helpers";

const LONE = "\ud800";
const nurse = DEMO_USERS.find((u) => u.role === "nurse")!;

function expectHardened4xx(response: APIResponse, label: string) {
  expect(response.status(), label).toBeGreaterThanOrEqual(400);
  expect(response.status(), label).toBeLessThan(500);
  expect(response.headers()["content-security-policy"] ?? "", label).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-content-type-options"], label).toBe("nosniff");
}

test("a lone surrogate in any JSON text field is refused with 4xx and stores nothing", async () => {
  const physician = await apiAs("physician");
  const nurseApi = await apiAs("nurse");
  const nobody = await apiAs(null);
  const { patients } = (await (await physician.get("/api/patients")).json()) as { patients: { id: string; wardId: string }[] };
  const patientId = patients[0]!.id;
  const countBefore = patients.length;
  const timeline = async () =>
    (await (await physician.get(`/api/patients/${patientId}/timeline`)).json()) as {
      counts: { observations: number };
      doses: unknown[];
    };
  const before = await timeline();
  const now = Date.now();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
  const attempts: { label: string; context: typeof nobody; url: string; body: Record<string, unknown> }[] = [
    { label: "sign-in username", context: nobody, url: "/api/session", body: { username: `${LONE}nurse`, password: "x" } },
    {
      label: "sign-in password",
      context: nobody,
      url: "/api/session",
      body: { username: "lone.surrogate", password: `pw${LONE}` },
    },
    {
      label: "observation note",
      context: nurseApi,
      url: `/api/patients/${patientId}/observations`,
      body: { idempotencyKey: `lone-${now}`, effectiveAt: iso(120_000), temperature: 37.1, note: `febrile ${LONE}` },
    },
    {
      label: "observation idempotency key",
      context: nurseApi,
      url: `/api/patients/${patientId}/observations`,
      body: { idempotencyKey: `lone-${LONE}-${now}`, effectiveAt: iso(180_000), temperature: 37.1 },
    },
    {
      label: "dose drug",
      context: physician,
      url: `/api/patients/${patientId}/doses/preview`,
      body: { drug: `toci${LONE}`, doseMg: 560, route: "IV", effectiveAt: iso(60_000) },
    },
    {
      label: "dose override reason",
      context: physician,
      url: `/api/patients/${patientId}/doses`,
      body: {
        idempotencyKey: `lone-dose-${now}`,
        drug: "tocilizumab",
        doseMg: 1,
        route: "IV",
        effectiveAt: iso(60_000),
        overrideReason: `why ${LONE}`,
        confirmedFlags: [],
      },
    },
    {
      label: "patient name",
      context: physician,
      url: "/api/patients",
      body: {
        mrn: `LONE${now}`,
        name: `Ann ${LONE}Other`,
        birthDate: "1966-05-01",
        sex: "female",
        weightKg: 70,
        weightMeasuredAt: iso(3_600_000),
        wardId: patients[0]!.wardId,
        bed: "L-1",
        product: "axicabtagene ciloleucel",
        therapy: "car_t",
        infusionAt: iso(7_200_000),
      },
    },
  ];
  let fiveHundreds = 0;
  for (const attempt of attempts) {
    const response = await attempt.context.post(attempt.url, {
      data: JSON.stringify(attempt.body),
      headers: { "content-type": "application/json", origin: BASE_URL },
    });
    if (response.status() >= 500) fiveHundreds++;
    console.log(`lone surrogate in ${attempt.label}: ${response.status()}`);
    expectHardened4xx(response, attempt.label);
    expect(typeof ((await response.json()) as { error: unknown }).error, attempt.label).toBe("string");
  }
  const after = await timeline();
  const stored = after.counts.observations - before.counts.observations + after.doses.length - before.doses.length;
  const patientsAfter = ((await (await physician.get("/api/patients")).json()) as { patients: unknown[] }).patients.length;
  console.log(
    `lone surrogates: ${attempts.length} requests, 5xx ${fiveHundreds}, rows wrongly stored ${stored + patientsAfter - countBefore}`,
  );
  expect(stored).toBe(0);
  expect(patientsAfter).toBe(countBefore);
  await Promise.all([physician.dispose(), nurseApi.dispose(), nobody.dispose()]);
});

test("a malformed percent-escape in the URL is 400 with the security headers", async () => {
  const physician = await apiAs("physician");
  const paths = [
    "/patients/%E0%A4%A",
    "/patients/%E0%A4%A/chart",
    "/api/patients/%E0%A4%A/timeline",
    "/%ZZ",
    "/login?next=%E0%A4%A",
  ];
  let fiveHundreds = 0;
  for (const path of paths) {
    const response = await physician.get(path, { maxRedirects: 0 });
    if (response.status() >= 500) fiveHundreds++;
    console.log(`GET ${path}: ${response.status()}`);
    if (path.startsWith("/login")) {
      expect(response.status(), path).toBe(200);
      continue;
    }
    expectHardened4xx(response, path);
  }
  console.log(`malformed URLs: ${paths.length} requests, 5xx ${fiveHundreds}`);
  await physician.dispose();
});

test("the sign-in form works with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE_URL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(nurse.username);
  await page.getByLabel("Password").fill(nurse.password);
  const [posted] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  console.log(`no-JS sign-in: POST /login with Origin ${posted.request().headers().origin} -> ${posted.status()}`);
  expect(posted.status(), "the form post is not refused").toBeLessThan(400);
  await expect(page.locator("header").getByText(nurse.displayName)).toBeVisible();
  await context.close();
});

test("a lone surrogate in a server-action payload (the sign-in form) is a 4xx with the security headers, or works", async ({
  page,
}) => {
  // The sign-in form's own action request, captured as Chromium sends it, then replayed with crafted payloads.
  let action: Record<string, string> | null = null;
  let formBody: string | null = null;
  await page.route("**/login*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      action = request.headers();
      formBody = request.postData();
    }
    await route.continue();
  });
  await page.goto("/login");
  await page.getByLabel("Username").fill("lone.surrogate.form");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong username or password.")).toBeVisible();
  expect(action, "the form posted a server action").not.toBeNull();
  const headers = {
    "next-action": action!["next-action"]!,
    "next-router-state-tree": action!["next-router-state-tree"] ?? "",
    accept: "text/x-component",
    origin: BASE_URL,
  };
  const escaped = JSON.stringify(LONE).slice(1, -1); // the six characters \ud800, as JSON spells it
  const payloads: { label: string; contentType: string; body: string }[] = [
    { label: "JSON arguments, text field", contentType: "text/plain;charset=UTF-8", body: `["$undefined","${escaped}"]` },
    { label: "JSON arguments, object", contentType: "text/plain;charset=UTF-8", body: `[{"username":"${escaped}nurse"},{}]` },
  ];
  if (formBody && action!["content-type"]) {
    payloads.push({
      label: "the form's multipart body, username spelt with an escape",
      contentType: action!["content-type"],
      body: (formBody as string).replace("lone.surrogate.form", `"${escaped}"`),
    });
  }
  let fiveHundreds = 0;
  for (const payload of payloads) {
    const response = await page.request.post("/login", {
      headers: { ...headers, "content-type": payload.contentType },
      data: payload.body,
      maxRedirects: 0,
    });
    console.log(`server action, ${payload.label}: ${response.status()}`);
    if (response.status() >= 500) fiveHundreds++;
    expect(response.status(), payload.label).toBeLessThan(500);
    expect(response.headers()["content-security-policy"] ?? "", payload.label).toContain("frame-ancestors 'none'");
  }
  console.log(`server-action lone surrogates: ${payloads.length} requests, 5xx ${fiveHundreds}`);
});
