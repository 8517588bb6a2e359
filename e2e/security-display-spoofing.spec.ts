// Display spoofing: a right-to-left override in a patient's name can make it read, on screen, like
// another patient's name (the stored text differs, the eye cannot tell). Bidirectional controls in
// names and free text never reach the rendered page: checked in Chromium on every page that shows
// the name, a note, a reason or a drug, for the roles that see them.
import { test, expect, type Page } from "@playwright/test";
import { apiAs, BASE_URL } from "./access-helpers";
import { signIn } from "./helpers";
import type { Role } from "../lib/auth/permissions";

const RLO = "\u202e";
const PDF = "\u202c";
const RLI = "\u2067";
const PDI = "\u2069";
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** The text a user sees: the title, the rendered text, and every attribute a screen reader or tooltip uses. */
async function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const element of Array.from(document.querySelectorAll("*"))) {
      for (const name of ["aria-label", "title", "alt", "placeholder"]) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join("\n");
  });
}

test("bidirectional controls in names, notes and reasons never reach the screen", async ({ browser }) => {
  test.setTimeout(120_000);
  const physician = await apiAs("physician");
  const nurse = await apiAs("nurse");
  const headers = { origin: BASE_URL };
  const { patients } = (await (await physician.get("/api/patients")).json()) as { patients: { wardId: string }[] };
  const now = Date.now();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
  // Reads "Alice Afebrile" on an unprotected screen: the override reverses "elirbefA ecilA".
  const spoofedName = `${RLO}elirbefA ecilA${PDF} ${RLI}x${PDI}`;
  const admitted = await physician.post("/api/patients", {
    headers,
    data: {
      mrn: `BIDI${now}`,
      name: spoofedName,
      birthDate: "1970-01-01",
      sex: "female",
      weightKg: 70,
      weightMeasuredAt: iso(3_600_000),
      wardId: patients[0]!.wardId,
      bed: `B${RLO}1`,
      product: `axi-cel ${RLO}reversed`,
      therapy: "car_t",
      infusionAt: iso(30 * 3_600_000),
    },
  });
  expect(admitted.status(), await admitted.text()).toBe(201);
  const { id } = (await admitted.json()) as { id: string };
  const charted = await nurse.post(`/api/patients/${id}/observations`, {
    headers,
    data: {
      idempotencyKey: `bidi-${now}`,
      effectiveAt: iso(60 * 60_000),
      temperature: 38.6,
      heartRate: 101,
      note: `given ${RLO}lomatecarap${PDF} 1 g`,
    },
  });
  expect(charted.status(), await charted.text()).toBe(201);
  const dosed = await physician.post(`/api/patients/${id}/doses`, {
    headers,
    data: {
      idempotencyKey: `bidi-dose-${now}`,
      drug: "tocilizumab",
      doseMg: 560,
      route: "IV",
      effectiveAt: iso(30 * 60_000),
    },
  });
  expect(dosed.status(), await dosed.text()).toBe(201);
  // A nurse's second dose 10 minutes later breaks the 8 h interval: it waits on the physicians' confirmation list.
  const early = await nurse.post(`/api/patients/${id}/doses`, {
    headers,
    data: {
      idempotencyKey: `bidi-dose-2-${now}`,
      drug: "tocilizumab",
      doseMg: 560,
      route: "IV",
      effectiveAt: iso(20 * 60_000),
      confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
      overrideReason: "Given on the consultant's phone order",
    },
  });
  expect(early.status(), await early.text()).toBe(201);
  await Promise.all([physician.dispose(), nurse.dispose()]);

  const visits: { role: Role; paths: string[] }[] = [
    {
      role: "physician",
      paths: [
        "/",
        "/handoff",
        `/patients/${id}`,
        `/patients/${id}/handoff`,
        `/patients/${id}/chart`,
        `/patients/${id}/dose`,
        `/patients/${id}/edit`,
        "/confirmations",
      ],
    },
    { role: "auditor", paths: ["/audit/doses", `/audit/doses?patient=${id}`, "/audit/log"] },
  ];
  const spoofed: string[] = [];
  let pages = 0;
  for (const { role, paths } of visits) {
    const context = await browser.newContext({ baseURL: BASE_URL });
    const page = await context.newPage();
    await signIn(page, role);
    for (const path of paths) {
      await page.goto(path);
      // The board draws its rows past the first screen once the page runs (openBoard in helpers.ts).
      await expect(page.locator("tr.rows-waiting")).toHaveCount(0);
      pages++;
      const text = await shownText(page);
      if (path !== "/audit/log") expect(text, `${path} shows the patient`).toContain("elirbefA ecilA");
      if (BIDI.test(text)) spoofed.push(path);
    }
    await context.close();
  }
  console.log(`display spoofing: ${pages} pages checked, ${spoofed.length} showed bidirectional controls: ${spoofed.join(", ")}`);
  expect(spoofed).toEqual([]);
});
