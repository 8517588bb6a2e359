// Live updates across instances, for real: one throwaway PostgreSQL server, two production
// servers (`next start`) on it. A live stream is open on instance B; a nurse charts on instance A
// 20 times; each write's event must reach B within 2 s of A's answer (B's safety poll is set to 60 s, so only
// LISTEN/NOTIFY can deliver it in time). Then B's stream is closed, A charts 3 more times, and a
// stream re-opened on B with Last-Event-ID receives exactly those 3. Prints the delays (median,
// max). Needs a production build. Usage: tsx scripts/live-two-instances.ts
import { randomUUID } from "node:crypto";
import { startPostgres } from "./pg-server.mjs";
import { preparePostgresDatabase, startServer, signIn, postJson, type RunningServer } from "./harness/server";

const [PORT_A, PORT_B] = (process.env.LIVE_PORTS || "3203,3204").split(",").map(Number) as [number, number];
const WRITES = 20;
const RESUMED = 3;
const LIMIT_MS = 2_000;
const BUDGET_MS = 180_000;

interface LiveEvent {
  id: number;
  patientId: string;
  kind: string;
  receivedAt: number;
}

/** An SSE reader over fetch: the events as they arrive, and a way to wait for the next. */
async function openStream(baseUrl: string, cookie: string, lastEventId?: number) {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: "text/event-stream", cookie };
  if (lastEventId !== undefined) headers["last-event-id"] = String(lastEventId);
  const response = await fetch(`${baseUrl}/api/events`, { headers, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream on ${baseUrl}: ${response.status}`);
  const events: LiveEvent[] = [];
  const waiters: (() => void)[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!/^event: change$/m.test(block) || !data) continue;
          events.push({ ...(JSON.parse(data) as Omit<LiveEvent, "receivedAt">), receivedAt: Date.now() });
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // aborted
    }
  })();
  const until = (count: number, ms: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${events.length} of ${count} events after ${ms} ms`)), ms);
      const check = () => {
        if (events.length >= count) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return { events, until, close: () => abort.abort() };
}

async function main(): Promise<void> {
  setTimeout(() => {
    console.error(`two-instance live test exceeded its ${BUDGET_MS / 1000} s budget`);
    process.exit(1);
  }, BUDGET_MS).unref();
  // The test run's server (npm test) or one of our own.
  const postgres = process.env.TEST_POSTGRES_URL
    ? { url: process.env.TEST_POSTGRES_URL, stop: () => undefined }
    : await startPostgres({ quiet: true });
  const database = await preparePostgresDatabase(postgres.url, `crs_live_${randomUUID().slice(0, 8)}`, { LIVE_POLL_MS: "60000" });
  const servers: RunningServer[] = [];
  try {
    const [a, b] = await Promise.all([startServer(database, PORT_A, 60_000), startServer(database, PORT_B, 60_000)]);
    servers.push(a, b);
    const nurseOnA = await signIn(a.baseUrl, "nurse", "nurse-demo");
    const physicianOnB = await signIn(b.baseUrl, "physician", "physician-demo");
    const { patients } = (await (await fetch(`${a.baseUrl}/api/patients`, { headers: { cookie: nurseOnA } })).json()) as {
      patients: { id: string }[];
    };
    const chart = async (i: number) => {
      const patient = patients[i % patients.length]!;
      const sent = Date.now();
      const written = await postJson(a.baseUrl, nurseOnA, `/api/patients/${patient.id}/observations`, {
        idempotencyKey: randomUUID(),
        effectiveAt: new Date(sent - 60_000 - i * 1000).toISOString(),
        heartRate: String(70 + i),
      });
      if (written.status !== 201) throw new Error(`charting on A: ${written.status} ${JSON.stringify(written.body)}`);
      return { patientId: patient.id, sent, acknowledged: Date.now() };
    };

    const stream = await openStream(b.baseUrl, physicianOnB);
    const delays: number[] = [];
    const afterAnswer: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const { patientId, sent, acknowledged } = await chart(i);
      await stream.until(i + 1, LIMIT_MS * 3);
      const event = stream.events[i]!;
      if (event.patientId !== patientId || event.kind !== "observation.create")
        throw new Error(`event ${i} on B: ${JSON.stringify(event)}, expected ${patientId}`);
      delays.push(event.receivedAt - sent);
      // From the moment A answered (the write committed); an event may even arrive before the answer.
      afterAnswer.push(Math.max(0, event.receivedAt - acknowledged));
    }
    const lastSeen = stream.events[WRITES - 1]!.id;
    stream.close();

    const missed: string[] = [];
    for (let i = 0; i < RESUMED; i++) missed.push((await chart(WRITES + i)).patientId);
    const resumed = await openStream(b.baseUrl, physicianOnB, lastSeen);
    await resumed.until(RESUMED, LIMIT_MS * 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    resumed.close();
    const resumedIds = resumed.events.map((e) => e.id);
    const resumedOk =
      resumed.events.length === RESUMED &&
      resumed.events.every((e, i) => e.patientId === missed[i] && e.id > lastSeen) &&
      new Set(resumedIds).size === RESUMED;

    const figures = (values: number[]) => {
      const sorted = [...values].sort((x, y) => x - y);
      return { median: (sorted[WRITES / 2 - 1]! + sorted[WRITES / 2]!) / 2, max: sorted[WRITES - 1]! };
    };
    const sent = figures(delays);
    const committed = figures(afterAnswer);
    console.log(`Write on instance A -> event on instance B (PostgreSQL LISTEN/NOTIFY), ${WRITES} writes:`);
    console.log(
      `  from A's answer (committed): median ${committed.median} ms, max ${committed.max} ms (each: ${afterAnswer.join(", ")})`,
    );
    console.log(`  from sending the write:      median ${sent.median} ms, max ${sent.max} ms (each: ${delays.join(", ")})`);
    console.log(
      `  resumed on B after Last-Event-ID ${lastSeen}: ids ${resumedIds.join(", ")} (${resumedOk ? "exactly the missed writes" : "WRONG"})`,
    );
    if (committed.max >= LIMIT_MS || !resumedOk) {
      console.error(
        `✖ live across instances failed: max ${committed.max} ms after commit (limit ${LIMIT_MS} ms), resume ${resumedOk ? "ok" : "wrong"}`,
      );
      process.exitCode = 1;
    } else console.log("✔ live across instances");
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    postgres.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
