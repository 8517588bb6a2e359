// A sample of malformed requests to every write route over HTTP (the production server): random
// JSON, wrong types, huge and nested junk, bodies that are not JSON at all. None may answer 5xx,
// every refusal names what is wrong, and nothing is stored (the patient's facts and the patient
// list are unchanged afterwards).
import { test, expect, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { PERMISSIONS } from "../lib/auth/permissions";
import { ROUTE_REGISTRY } from "../lib/auth/route-registry";
import { apiAs, fixtureIds, urlOf, type FixtureIds } from "./access-helpers";

const PAYLOADS_PER_ROUTE = 25;
const HUGE = "x".repeat(50_000);

const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc
    .dictionary(
      fc.constantFrom(
        "temperature",
        "doseMg",
        "drug",
        "mrn",
        "reason",
        "effectiveAt",
        "idempotencyKey",
        "weightKg",
        "confirmedFlags",
      ),
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(HUGE, -1e308, 1e308, "NaN", [{ nested: { deeper: [1, 2, 3] } }])),
    )
    // A field no form has: real field names with plausible values must still never make a valid request.
    .map((fields) => ({ ...fields, unexpectedField: true })),
);

/** What the patient's record and the ward hold, as the API reports it. */
async function storedSnapshot(context: APIRequestContext, ids: FixtureIds) {
  const timeline = await (await context.get(`/api/patients/${ids.id}/timeline`)).json();
  const patients = await (await context.get("/api/patients?include=discharged")).json();
  return {
    patients: patients.patients.length,
    // The API sends one page of observations; its counts are the whole stay's.
    observations: timeline.counts.observations,
    doses: timeline.doses.length,
    inError: timeline.counts.observationsInError + timeline.enteredInError.doses.length,
    patient: JSON.stringify(timeline.patient),
  };
}

test("malformed requests to every write route are refused with 4xx naming the problem, and store nothing", async () => {
  test.setTimeout(120_000);
  const physician = await apiAs("physician");
  const ids = await fixtureIds(physician);
  const before = await storedSnapshot(physician, ids);
  const writeRoutes = ROUTE_REGISTRY.filter((e) => e.kind === "api" && e.method !== "GET" && e.action !== null);
  expect(writeRoutes.length).toBeGreaterThanOrEqual(9);
  const samples = fc.sample(junk, { numRuns: PAYLOADS_PER_ROUTE, seed: 20261122 });
  const statuses: Record<string, number> = {};
  let sent = 0;

  for (const entry of writeRoutes) {
    const role = PERMISSIONS[entry.action!][0];
    const context = role === "physician" ? physician : await apiAs(role);
    const url = urlOf(entry, ids);
    const bodies: { data?: unknown; raw?: string; contentType?: string }[] = [
      ...samples.map((data) => ({ data })),
      { raw: "{not json", contentType: "application/json" },
      { raw: "", contentType: "application/json" },
      { raw: "temperature=39", contentType: "application/x-www-form-urlencoded" },
      { raw: HUGE, contentType: "text/plain" },
    ];
    for (const body of bodies) {
      const response = await context.fetch(url, {
        method: entry.method,
        data: body.raw !== undefined ? body.raw : JSON.stringify(body.data ?? null),
        headers: { "content-type": body.contentType ?? "application/json" },
        maxRedirects: 0,
      });
      sent++;
      const status = response.status();
      statuses[status] = (statuses[status] ?? 0) + 1;
      const label = `${entry.path} <- ${JSON.stringify(body.data ?? body.raw)?.slice(0, 120)}`;
      expect(status, label).toBeGreaterThanOrEqual(400);
      expect(status, label).toBeLessThan(500);
      const json = await response.json();
      expect(typeof json.error, label).toBe("string");
      expect(json.error.length, label).toBeGreaterThan(0);
      // A JSON body reaches the server function, which names every wrong field; a body that is not
      // JSON at all is refused before that with a message saying so.
      if (status === 400 && body.raw === undefined) {
        expect(Array.isArray(json.fieldErrors), label).toBe(true);
        expect(json.fieldErrors.length, label).toBeGreaterThan(0);
      }
      if (json.fieldErrors !== undefined) {
        for (const fieldError of json.fieldErrors) {
          expect(typeof fieldError.path, label).toBe("string");
          expect(fieldError.message.length, label).toBeGreaterThan(0);
        }
      }
    }
    if (context !== physician) await context.dispose();
  }
  expect(await storedSnapshot(physician, ids)).toEqual(before);
  test.info().annotations.push({
    type: "fuzz",
    description: `${sent} malformed requests to ${writeRoutes.length} routes: ${JSON.stringify(statuses)}`,
  });
  console.log(
    `http fuzz: ${sent} malformed requests to ${writeRoutes.length} write routes, statuses ${JSON.stringify(statuses)}`,
  );
  await physician.dispose();
});
