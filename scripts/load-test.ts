// Concurrency against the real production server over HTTP on 127.0.0.1: 20 clients (half as the
// nurse, half as the physician) chart 10 observations each at once, 5 of them double-
// submit a form, and on 3 freshly admitted patients two physicians race to chart the 4th
// tocilizumab dose, each confirming the limits they previewed with 3 doses. Checked in the
// database afterwards: every acknowledged write stored exactly once with its audit event, flags as
// stored, one 409 per race. Bounded: at most 60 s. Needs a production build.
// `--store postgres`: two instances on one PostgreSQL database, the clients taking them in turn and
// the two racing doses of each race sent one to each instance.
// Usage: tsx scripts/load-test.ts [--store postgres]
import { randomUUID } from "node:crypto";
import { DEMO_WARD } from "@/lib/seed/demo-ward";
import { signIn, postJson, type RunningServer } from "./harness/server";
import { openTestStore, startInstances, storeFromArgs } from "./harness/store";

const PORT = Number(process.env.LOAD_PORT || 3201);
const CLIENTS = 20;
const PER_CLIENT = 10;
const DUPLICATES = 5;
const RACES = 3;
const BUDGET_MS = 60_000;
const HOUR = 3_600_000;

async function main(): Promise<void> {
  const started = Date.now();
  setTimeout(() => {
    console.error(`load test exceeded its ${BUDGET_MS / 1000} s budget`);
    process.exit(1);
  }, BUDGET_MS).unref();

  const store = await openTestStore(storeFromArgs(), "load");
  let servers: RunningServer[] = [];
  const failures: string[] = [];
  const figures = {
    store: store.name,
    instances: store.instances,
    clients: CLIENTS,
    writesAcknowledged: 0,
    observationsStored: 0,
    duplicateSubmits: 0,
    duplicateAnswersAgreeing: 0,
    races: RACES,
    raceWinners: 0,
    race409s: 0,
    status5xx: 0,
    loadMs: 0,
    totalMs: 0,
  };
  try {
    servers = await startInstances(store, PORT);
    const base = servers[0]!.baseUrl;
    /** The instance the `n`th client or racer talks to. */
    const baseFor = (n: number) => servers[n % servers.length]!.baseUrl;
    const nurse = await signIn(base, "nurse", "nurse-demo");
    const physician = await signIn(base, "physician", "physician-demo");
    const patients = (
      (await (await fetch(`${base}/api/patients`, { headers: { cookie: nurse } })).json()) as { patients: { id: string }[] }
    ).patients;

    // Race patients: admitted now, three tocilizumab doses 8 h apart, the last 4 h ago.
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const racePatients: string[] = [];
    for (let r = 0; r < RACES; r++) {
      const admitted = await postJson(base, physician, "/api/patients", {
        mrn: `LOAD${r}${randomUUID().slice(0, 6)}`,
        name: `Race Patient ${r}`,
        birthDate: "1970-01-01",
        sex: "female",
        weightKg: 70,
        weightMeasuredAt: iso(now - 72 * HOUR),
        wardId: DEMO_WARD.id,
        bed: `L-${r}`,
        product: "axicabtagene ciloleucel",
        therapy: "car_t",
        infusionAt: iso(now - 72 * HOUR),
      });
      if (admitted.status !== 201 && admitted.status !== 200)
        throw new Error(`admit: ${admitted.status} ${JSON.stringify(admitted.body)}`);
      const id = (admitted.body as { id: string }).id;
      for (const hoursAgo of [20, 12, 4]) {
        const given = await postJson(base, physician, `/api/patients/${id}/doses`, {
          idempotencyKey: randomUUID(),
          drug: "tocilizumab",
          doseMg: 560,
          route: "IV",
          effectiveAt: iso(now - hoursAgo * HOUR),
        });
        if (given.status >= 300) throw new Error(`prior dose: ${given.status} ${JSON.stringify(given.body)}`);
      }
      racePatients.push(id);
    }
    const fourthDose = { drug: "tocilizumab", doseMg: 560, route: "IV", effectiveAt: iso(now - 60_000) };
    const fourth = (flags: string[]) => ({
      ...fourthDose,
      idempotencyKey: randomUUID(),
      confirmedFlags: flags,
      overrideReason: "Refractory CRS, discussed with the consultant",
    });
    const previews = await Promise.all(
      racePatients.map(async (id) => ({
        id,
        preview: await postJson(base, physician, `/api/patients/${id}/doses/preview`, fourthDose),
      })),
    );
    const racers = previews.map(({ id, preview: p }) => {
      if (p.status !== 200) throw new Error(`preview: ${p.status} ${JSON.stringify(p.body)}`);
      return { id, seenFlags: (p.body as { flags: string[] }).flags };
    });

    // The load: 20 clients charting at once; the races run alongside.
    const loadStarted = Date.now();
    const acknowledged = new Set<string>();
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      const cookie = c % 2 ? physician : nurse;
      for (let i = 0; i < PER_CLIENT; i++) {
        const key = `load-${c}-${i}-${randomUUID().slice(0, 8)}`;
        const form = {
          idempotencyKey: key,
          effectiveAt: iso(Date.now() - (c * PER_CLIENT + i) * 60_000),
          temperature: 37 + (i % 10) / 10,
          heartRate: 80 + c,
        };
        const patient = patients[(c + i) % patients.length];
        if (!patient) throw new Error("no patients in the demo ward");
        const patientId = patient.id;
        const copies = c < DUPLICATES && i === 0 ? 2 : 1;
        const answers = await Promise.all(
          Array.from({ length: copies }, (_, copy) =>
            postJson(baseFor(c + copy), cookie, `/api/patients/${patientId}/observations`, form),
          ),
        );
        for (const answer of answers) {
          if (answer.status >= 500) figures.status5xx++;
          if (answer.status >= 200 && answer.status < 300) {
            figures.writesAcknowledged++;
            acknowledged.add(key);
          } else failures.push(`${key}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
        if (copies === 2) {
          figures.duplicateSubmits++;
          const ids = answers.map((a) => (a.body as { observationId?: string }).observationId);
          if (ids[0] && ids[0] === ids[1]) figures.duplicateAnswersAgreeing++;
          else failures.push(`double submit ${key} answered ${JSON.stringify(ids)}`);
        }
      }
    });
    const races = racers.map(async ({ id, seenFlags }) => {
      const attempts = await Promise.all(
        [0, 1].map((racer) => postJson(baseFor(racer), physician, `/api/patients/${id}/doses`, fourth(seenFlags))),
      );
      const statuses = attempts.map((a) => a.status).sort();
      if (statuses[0] === 201 || statuses[0] === 200) figures.raceWinners++;
      if (statuses[1] === 409) figures.race409s++;
      if (statuses.some((s) => s >= 500)) figures.status5xx++;
      return attempts;
    });
    await Promise.all([...clients, ...races]);
    figures.loadMs = Date.now() - loadStarted;

    const stored = await store.query<{ k: string; audits: number }>(
      `SELECT o."idempotencyKey" AS k,
        (SELECT CAST(COUNT(*) AS INTEGER) FROM "AuditEvent" a WHERE a."action" = 'observation.create' AND a."entityId" = o."id") AS audits
      FROM "Observation" o WHERE o."idempotencyKey" LIKE 'load-%'`,
    );
    figures.observationsStored = stored.length;
    const storedKeys = new Set(stored.map((s) => s.k));
    if (storedKeys.size !== stored.length) failures.push("an observation key stored twice");
    const lost = [...acknowledged].filter((k) => !storedKeys.has(k));
    if (lost.length) failures.push(`${lost.length} acknowledged observations missing`);
    if (stored.some((s) => s.audits !== 1)) failures.push("an observation without exactly one audit event");
    for (const [r, { id, seenFlags }] of racers.entries()) {
      const doses = await store.query<{ flags: string }>(
        `SELECT "flagsAtCharting" AS flags FROM "MedicationAdministration" WHERE "patientId" = ? ORDER BY "effectiveAt"`,
        id,
      );
      if (doses.length !== 4) failures.push(`race ${r}: ${doses.length} doses stored, expected 4`);
      const flags = doses[3]?.flags.split(",").filter(Boolean).sort().join(",");
      if (flags !== [...seenFlags].sort().join(","))
        failures.push(`race ${r}: 4th dose stored with flags ${flags}, confirmed ${seenFlags}`);
    }
    if (figures.raceWinners !== RACES || figures.race409s !== RACES)
      failures.push(`races: ${figures.raceWinners} winners, ${figures.race409s} 409s`);
    if (figures.status5xx) failures.push(`${figures.status5xx} answers were 5xx`);
    const integrity = await store.integrity();
    if (integrity !== null && integrity !== "ok") failures.push(`integrity_check: ${integrity}`);
    figures.totalMs = Date.now() - started;
    console.log(JSON.stringify({ loadTest: failures.length === 0 ? "passed" : "failed", ...figures }));
  } catch (error) {
    failures.push(String(error instanceof Error ? error.stack : error));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await store.close();
  }
  if (failures.length) {
    console.error(`Load test failed:\n- ${failures.slice(0, 20).join("\n- ")}`);
    for (const server of servers) console.error(server.output().slice(-3000));
    process.exit(1);
  }
  process.exit(0);
}

void main();
