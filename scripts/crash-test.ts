// Crash test: the production server on a throwaway database takes a charting load from 20 clients
// over HTTP, is killed with SIGKILL mid-load (no shutdown, no flush), and is started again. Then:
// the SQLite file passes integrity_check, every write the server acknowledged (2xx) is stored
// exactly once with its audit event, no fact exists without its audit event, and re-sending the
// unacknowledged submits (same idempotency keys) stores each once. Bounded: at most 60 s.
// `--store postgres`: two instances on one PostgreSQL database share the clients; one is killed
// and the other keeps charting for a second before the same checks (every acknowledged write of
// either instance stored once).
// Needs a production build (.next). Usage: tsx scripts/crash-test.ts [--store postgres]
import { signIn, postJson, type RunningServer } from "./harness/server";
import { openTestStore, startInstances, storeFromArgs } from "./harness/store";

const PORT = Number(process.env.CRASH_PORT || 3200);
const CLIENTS = 20;
const KILL_AFTER_ACKS = 120;
const KILL_AFTER_MS = 8_000;
const BUDGET_MS = 60_000;
/** With two instances: how long the survivor's clients go on charting after the other is killed. */
const SURVIVOR_MS = 1_000;

interface Submit {
  key: string;
  patientId: string;
  body: Record<string, unknown>;
}

function observation(key: string, i: number): Record<string, unknown> {
  return {
    idempotencyKey: key,
    effectiveAt: new Date(Date.now() - 60_000).toISOString(),
    temperature: 36.5 + (i % 20) / 10,
    heartRate: 70 + (i % 40),
    respiratoryRate: 16,
    systolicBP: 120,
    diastolicBP: 70,
    spo2: 97,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const budget = setTimeout(() => {
    console.error(`crash test exceeded its ${BUDGET_MS / 1000} s budget`);
    process.exit(1);
  }, BUDGET_MS);
  budget.unref();

  const store = await openTestStore(storeFromArgs(), "crash");
  let servers: RunningServer[] = [];
  const failures: string[] = [];
  try {
    servers = await startInstances(store, PORT);
    // Instance 0 is killed; on PostgreSQL instance 1 survives.
    const survivor = servers.length > 1;
    const cookie = await signIn(servers[0]!.baseUrl, "nurse", "nurse-demo");
    const list = await fetch(`${servers[0]!.baseUrl}/api/patients`, { headers: { cookie } });
    const patients = ((await list.json()) as { patients: { id: string }[] }).patients.map((p) => p.id);
    if (patients.length === 0) throw new Error("no patients in the demo ward");

    // Load: 20 clients (taking the instances in turn), each charting one observation after another
    // until its server dies, or, on the survivor, for SURVIVOR_MS after the other died.
    const acknowledged = new Map<string, Submit>();
    const unacknowledged: Submit[] = [];
    const refused: string[] = [];
    let killedAt = 0;
    let acknowledgedBySurvivorAfterKill = 0;
    const loadStarted = Date.now();
    const crashed = (async () => {
      while (acknowledged.size < KILL_AFTER_ACKS && Date.now() - loadStarted < KILL_AFTER_MS) {
        await new Promise((r) => setTimeout(r, 10));
      }
      killedAt = Date.now();
      await servers[0]!.crash();
    })();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const server = servers[client % servers.length]!;
        const done = () => killedAt > 0 && (server === servers[0] || Date.now() - killedAt > SURVIVOR_MS);
        for (let i = 0; ; i++) {
          const patientId = patients[(client + i) % patients.length];
          if (patientId === undefined) throw new Error("no patients in the demo ward");
          const submit: Submit = { key: `crash-${client}-${i}`, patientId, body: {} };
          submit.body = observation(submit.key, i);
          try {
            const response = await postJson(
              server.baseUrl,
              cookie,
              `/api/patients/${submit.patientId}/observations`,
              submit.body,
            );
            if (response.status >= 200 && response.status < 300) {
              acknowledged.set(submit.key, submit);
              if (killedAt > 0 && server !== servers[0]) acknowledgedBySurvivorAfterKill++;
            } else refused.push(`${submit.key}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
          } catch {
            unacknowledged.push(submit); // the connection died with the server: we never heard back
            return;
          }
          if (done()) return;
        }
      }),
    );
    await crashed;
    const loadMs = Date.now() - loadStarted;
    if (refused.length) failures.push(`${refused.length} submits refused during the load, e.g. ${refused[0]}`);
    if (survivor && acknowledgedBySurvivorAfterKill === 0)
      failures.push("the surviving instance acknowledged nothing after the kill");

    // Restart on the same database: SQLite replays or discards the WAL; the old session cookie still works.
    servers[0] = await store.startInstance(0, PORT);
    const integrity = await store.integrity();
    if (integrity !== null && integrity !== "ok") failures.push(`integrity_check: ${integrity}`);

    const storedKeys = new Set(
      (
        await store.query<{ k: string }>(`SELECT "idempotencyKey" AS k FROM "Observation" WHERE "idempotencyKey" LIKE 'crash-%'`)
      ).map((r) => r.k),
    );
    const lost = [...acknowledged.keys()].filter((k) => !storedKeys.has(k));
    if (lost.length)
      failures.push(`${lost.length} acknowledged writes missing after the crash, e.g. ${lost.slice(0, 3).join(", ")}`);
    const storedUnacknowledged = unacknowledged.filter((s) => storedKeys.has(s.key)).length;

    // Atomicity: every stored observation has exactly one creation event, and no creation event lacks its observation.
    const [withoutAudit] = await store.query<{ n: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM "Observation" o WHERE o."idempotencyKey" LIKE 'crash-%'
      AND (SELECT COUNT(*) FROM "AuditEvent" a WHERE a."action" = 'observation.create' AND a."entityId" = o."id") <> 1`,
    );
    if (withoutAudit!.n) failures.push(`${withoutAudit!.n} observations without exactly one audit event`);
    const [orphanAudit] = await store.query<{ n: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM "AuditEvent" a WHERE a."action" = 'observation.create'
      AND NOT EXISTS (SELECT 1 FROM "Observation" o WHERE o."id" = a."entityId")`,
    );
    if (orphanAudit!.n) failures.push(`${orphanAudit!.n} audit events for observations that do not exist`);

    // The nurse re-sends what never got an answer: each is stored once, whether or not it had landed.
    let retriedOk = 0;
    for (const [index, submit] of unacknowledged.entries()) {
      const again = await postJson(
        servers[index % servers.length]!.baseUrl,
        cookie,
        `/api/patients/${submit.patientId}/observations`,
        submit.body,
      );
      if (again.status >= 200 && again.status < 300) retriedOk++;
      else failures.push(`retry of ${submit.key}: ${again.status} ${JSON.stringify(again.body).slice(0, 200)}`);
    }
    const expectedKeys = new Set([...acknowledged.keys(), ...unacknowledged.map((s) => s.key)]);
    const counts = await store.query<{ k: string; n: number }>(
      `SELECT "idempotencyKey" AS k, CAST(COUNT(*) AS INTEGER) AS n FROM "Observation" WHERE "idempotencyKey" LIKE 'crash-%' GROUP BY 1`,
    );
    const finalKeys = new Set(counts.map((c) => c.k));
    const missingAfterRetry = [...expectedKeys].filter((k) => !finalKeys.has(k));
    if (missingAfterRetry.length) failures.push(`${missingAfterRetry.length} submits missing after the retry`);
    const unexpected = counts.filter((c) => !expectedKeys.has(c.k) || c.n !== 1);
    if (unexpected.length) failures.push(`${unexpected.length} keys stored more than once or never sent`);
    const finalIntegrity = await store.integrity();
    if (finalIntegrity !== null && finalIntegrity !== "ok") failures.push(`integrity_check after the retry: ${finalIntegrity}`);

    console.log(
      JSON.stringify({
        crashTest: failures.length === 0 ? "passed" : "failed",
        store: store.name,
        instances: servers.length,
        clients: CLIENTS,
        loadMs,
        acknowledged: acknowledged.size,
        inFlightAtKill: unacknowledged.length,
        ...(survivor ? { acknowledgedBySurvivorAfterKill } : {}),
        inFlightThatHadLanded: storedUnacknowledged,
        lostAcknowledged: lost.length,
        integrityCheck: integrity ?? "not applicable (PostgreSQL was not the process killed)",
        retriedAfterRestart: unacknowledged.length,
        retriesAcknowledged: retriedOk,
        storedExactlyOnce: counts.filter((c) => c.n === 1).length,
        totalMs: Date.now() - started,
      }),
    );
  } catch (error) {
    failures.push(String(error instanceof Error ? error.stack : error));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await store.close();
  }
  if (failures.length) {
    console.error(`Crash test failed:\n- ${failures.join("\n- ")}`);
    for (const server of servers) console.error(server.output().slice(-3000));
    process.exit(1);
  }
  process.exit(0);
}

void main();
