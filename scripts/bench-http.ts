/**
 * HTTP benchmark of the production server (`next start`) on SQLite, or on PostgreSQL with two
 * instances (`--store postgres`: a throwaway server, scripts/pg-server.mjs, and two `next start`
 * on it, on --port and --port + 1, every request sent to them in turn), each figure also as a ratio
 * to `/login` measured in the same run (the same machine, the same load):
 *   - the ward board at 1 and 20 clients, p50 and p95, for wards of 50, 100 and 200 extra patients
 *     with 14 days of hourly sets each (plus the demo ward, whose 30-day patient is charted every
 *     15 minutes), built straight into the database (one transaction per patient, createMany);
 *     first the smallest ward with 1 day of history, measured, then its patients charted back to
 *     the infusion: the board's cost at 14 days against 1 day, the same patients (the target: 1.5x);
 *   - the first board read after each ward is built (the caches filled for the new facts), on every
 *     instance (the slowest shown);
 *   - the 30-day patient's timeline page (24 h and 'All') and timeline API: bytes and time;
 *   - a charted set (POST), charted after every fact as at the bedside: p50 and p95 idle, for the
 *     30-day patient and for a new one, and under 20 concurrent long-timeline reads; and a late
 *     entry on the 30-day patient (6 h back: the later sets re-graded);
 *   - server memory: peak RSS of the server's processes (from /proc) per phase.
 * A benchmark, not a test: no assertions. Builds the app first if .next is missing.
 *
 *   npm run bench:http                      # sizes 50,100,200 (a few minutes)
 *   npm run bench:http -- --sizes 50        # smaller
 *   npm run bench:http -- --sizes 50 --store postgres
 *   npm run bench:http -- --sizes 200 --cpu-prof /tmp/prof   # the servers' CPU profiles
 */
import { randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_WARD } from "@/lib/seed/demo-ward";
import { startPostgres } from "./pg-server.mjs";
import {
  ROOT,
  prepareDatabase,
  preparePostgresDatabase,
  startServer,
  signIn,
  postJson,
  type RunningServer,
  type ThrowawayDatabase,
} from "./harness/server";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}
const SIZES = option("sizes", "50,100,200").split(",").map(Number);
/** `--cpu-prof DIR`: each server writes its CPU profile there when it stops (open it in Chrome's DevTools). */
const CPU_PROF_DIR = option("cpu-prof", "");
const NODE_FLAGS = CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROF_DIR)}`] : [];
const CLIENTS = Number(option("clients", "20"));
const PORT = Number(option("port", process.env.BENCH_PORT || "3205"));
const STORE = option("store", "sqlite");
if (STORE !== "sqlite" && STORE !== "postgres") throw new Error(`--store ${STORE}: sqlite or postgres`);

/** The servers' base URLs, each request sent to the next (one on SQLite, two instances on PostgreSQL). */
let bases: string[] = [];
let turn = 0;
const nextBase = () => bases[turn++ % bases.length]!;

// ---- measuring -------------------------------------------------------------------------------

interface Sample {
  ms: number[];
  bytes: number;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};
const p50 = (s: Sample) => quantile(s.ms, 0.5);
const p95 = (s: Sample) => quantile(s.ms, 0.95);

async function timed(url: string, init: RequestInit = {}): Promise<{ ms: number; bytes: number; status: number }> {
  let started = performance.now();
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "manual" });
  } catch {
    // A kept-alive connection the server closed while idle (its keep-alive timeout): once more.
    started = performance.now();
    response = await fetch(url, { ...init, redirect: "manual" });
  }
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, bytes: body.byteLength, status: response.status };
}

/** `clients` loops at once, each sending `perClient` requests one after the other. */
async function load(url: string, cookie: string, clients: number, perClient: number): Promise<Sample> {
  const ms: number[] = [];
  let bytes = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const result = await timed(`${nextBase()}${url}`, { headers: { cookie } });
        if (result.status !== 200) throw new Error(`${url}: ${result.status}`);
        ms.push(result.ms);
        bytes = result.bytes;
      }
    }),
  );
  return { ms, bytes };
}

/** Resident memory of the servers' process groups (each `next start` process and its children). */
function serverRss(groupIds: readonly number[]): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (!groupIds.includes(Number(fields[2]))) continue; // pgrp
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += rss ? Number(rss[1]) * 1024 : 0;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

// ---- building wards --------------------------------------------------------------------------

interface BenchPatient {
  id: string;
  n: number;
}

/** `count` patients admitted to the demo ward, infused 14 days before `now` (their sets come from `chartHours`). */
async function admitPatients(count: number, offset: number, now: number): Promise<BenchPatient[]> {
  const { db } = await import("@/lib/db");
  const nurse = await db.user.findFirstOrThrow({ where: { username: "nurse" } });
  const start = now - 14 * DAY;
  const admitted: BenchPatient[] = [];
  for (let p = 0; p < count; p++) {
    const n = offset + p;
    const patient = await db.patient.create({
      data: {
        mrn: `BENCH${n}${randomUUID().slice(0, 4)}`,
        name: `Bench Patient ${n}`,
        birthDate: "1965-01-01",
        sex: n % 2 ? "female" : "male",
        weightKg: 70,
        weightMeasuredAt: new Date(start - DAY),
        wardId: DEMO_WARD.id,
        bed: `X-${n}`,
        product: "axicabtagene ciloleucel",
        therapy: "car_t",
        infusionAt: new Date(start),
        createdById: nurse.id,
      },
    });
    admitted.push({ id: patient.id, n });
  }
  return admitted;
}

/** Tocilizumab for a febrile patient, 2.5 days after the infusion. */
const DOSE_HOUR = 60;

/**
 * The patients' hourly sets for hours [fromHour, toHour) after the infusion (14 days is hour 336):
 * an episode on most (fever day 2-5, some hypotension and oxygen), one tocilizumab dose if febrile
 * and its hour is in the range. One transaction per patient. Charting a range before the one
 * already stored gives the same patients a longer history (the 1-day ward becomes a 14-day one).
 */
async function chartHours(patients: readonly BenchPatient[], now: number, fromHour: number, toHour: number): Promise<void> {
  const { db, writeTransaction } = await import("@/lib/db");
  const nurse = await db.user.findFirstOrThrow({ where: { username: "nurse" } });
  const start = now - 14 * DAY;
  for (const { id: patientId, n } of patients) {
    const febrile = n % 5 !== 0;
    const hypotensive = n % 3 === 0;
    await writeTransaction(async (tx) => {
      const rows = Array.from({ length: toHour - fromHour }, (_, i) => {
        const h = fromHour + i;
        const day = h / 24;
        const sick = febrile && day >= 2 && day < 5;
        const low = sick && hypotensive && day >= 3 && day < 4;
        const id = randomUUID();
        const at = start + h * HOUR + 10 * 60_000;
        return {
          id,
          lineageId: id,
          version: 1,
          patientId,
          effectiveAt: new Date(at),
          recordedAt: new Date(at + 5 * 60_000),
          recordedById: nurse.id,
          temperatureC: sick ? 38.4 + ((h * 7) % 9) / 10 : 36.6 + ((h * 3) % 5) / 10,
          heartRate: sick ? 105 + (h % 15) : 72 + (h % 10),
          respiratoryRate: sick ? 22 : 16,
          systolicBP: low ? 86 : 118 + (h % 8),
          diastolicBP: low ? 52 : 74,
          spo2: low ? 93 : 97,
          oxygenDevice: low ? "nasal_cannula" : "room_air",
          oxygenFlowLpm: low ? 2 : null,
          vasopressorsCharted: true,
        };
      });
      await tx.observation.createMany({ data: rows });
      if (febrile && DOSE_HOUR >= fromHour && DOSE_HOUR < toHour) {
        const id = randomUUID();
        await tx.medicationAdministration.create({
          data: {
            id,
            lineageId: id,
            version: 1,
            patientId,
            drug: "tocilizumab",
            doseMg: 560,
            route: "IV",
            effectiveAt: new Date(start + (DOSE_HOUR / 24) * DAY),
            recordedAt: new Date(start + (DOSE_HOUR / 24) * DAY + 10 * 60_000),
            recordedById: nurse.id,
          },
        });
      }
    });
  }
}

// ---- the run ---------------------------------------------------------------------------------

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const ratio = (value: number, base: number) => `${(value / base).toFixed(1)}x`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const runStarted = Date.now();
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.log("No production build: building first (next build)…");
    const built = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, stdio: "inherit" });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const { database, stopStore } = STORE === "postgres" ? await postgresDatabase() : sqliteDatabase();
  process.env.DATABASE_URL = database.env.DATABASE_URL;
  const servers: RunningServer[] =
    STORE === "postgres"
      ? await Promise.all([startServer(database, PORT, 60_000, NODE_FLAGS), startServer(database, PORT + 1, 60_000, NODE_FLAGS)])
      : [await startServer(database, PORT, 60_000, NODE_FLAGS)];
  bases = servers.map((server) => server.baseUrl);
  let peak = 0;
  let phasePeak = 0;
  const sampler = setInterval(() => {
    const rss = serverRss(servers.map((server) => server.child.pid!));
    peak = Math.max(peak, rss);
    phasePeak = Math.max(phasePeak, rss);
  }, 200);
  const lines: string[] = [];
  const out = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  try {
    const base = bases[0]!;
    const nurse = await signIn(base, "nurse", "nurse-demo");
    const physician = await signIn(base, "physician", "physician-demo");
    const { patients: demo } = (await (await fetch(`${base}/api/patients`, { headers: { cookie: nurse } })).json()) as {
      patients: { id: string }[];
    };
    // The demo ward's long patient: the one with the most observations.
    const { db } = await import("@/lib/db");
    const counts = await db.observation.groupBy({
      by: ["patientId"],
      _count: { _all: true },
      where: { patientId: { in: demo.map((p) => p.id) } },
    });
    const longest = counts.sort((a, b) => b._count._all - a._count._all)[0]!;
    const longId = longest.patientId;

    // Warm up (first compilation of each route's server code), on every instance.
    for (const server of bases)
      for (const url of ["/login", "/", `/patients/${longId}`, `/api/patients/${longId}/timeline`])
        await timed(`${server}${url}`, { headers: { cookie: nurse } });

    const storeName = STORE === "postgres" ? "PostgreSQL, two instances (requests sent to each in turn)" : "SQLite";
    out(`bench:http: ${storeName}, production build, ${CLIENTS} clients; ratios are to /login in the same phase`);
    out("");
    out(
      `| ward | sets stored | first board | board p50 (1) | x login | board p95 (1) | board p50 (${CLIENTS}) | board p95 (${CLIENTS}) | x login p95 | board HTML | peak RSS |`,
    );
    out("|---|---|---|---|---|---|---|---|---|---|---|");
    const now = Date.now();
    const smallest = Math.min(...SIZES);
    /** Board at 1 and CLIENTS clients after one read of the new facts (the first read after a change fills the caches). */
    const measureBoard = async (label: string, size: number, built: number) => {
      const sets = await db.observation.count();
      console.log(`  (built ${label}: ${sets} sets in ${((Date.now() - built) / 1000).toFixed(1)} s)`);
      phasePeak = 0;
      // Once on every instance: each keeps its own grades, and the first read after a change fills them.
      const first = await load("/", nurse, bases.length, 1);
      const login1 = await load("/login", "", 1, 20);
      const board1 = await load("/", nurse, 1, size >= 200 ? 5 : 7);
      const loginN = await load("/login", "", CLIENTS, 5);
      const boardN = await load("/", nurse, CLIENTS, 1);
      out(
        `| ${label} | ${sets} | ${fmt(Math.max(...first.ms))} | ${fmt(p50(board1))} | ${ratio(p50(board1), p50(login1))} | ${fmt(p95(board1))} | ${fmt(p50(boardN))} | ${fmt(p95(boardN))} | ${ratio(p95(boardN), p95(loginN))} | ${kb(board1.bytes)} | ${mb(phasePeak)} |`,
      );
      out(`|  login | | | ${fmt(p50(login1))} | | ${fmt(p95(login1))} | ${fmt(p50(loginN))} | ${fmt(p95(loginN))} | | | |`);
      return { board1, boardN };
    };
    // The smallest ward first with 1 day of history (its last day), then the same patients charted
    // back to the infusion (14 days): the board's cost against history, the patients unchanged.
    let built = Date.now();
    const firstWard = await admitPatients(smallest, 0, now);
    await chartHours(firstWard, now, 13 * 24, 14 * 24);
    const oneDay = await measureBoard(`${smallest} + demo, 1 day`, smallest, built);
    built = Date.now();
    await chartHours(firstWard, now, 0, 13 * 24);
    let added = smallest;
    let fourteenDays: typeof oneDay | null = null;
    for (const size of [...SIZES].sort((a, b) => a - b)) {
      if (size > added) {
        built = Date.now();
        await chartHours(await admitPatients(size - added, added, now), now, 0, 14 * 24);
        added = size;
      }
      const measured = await measureBoard(`${size} + demo`, size, built);
      if (size === smallest) fourteenDays = measured;
    }
    if (fourteenDays) {
      out("");
      out(
        `14 days of history against 1 day, ${smallest} patients + demo: board p50 (1) ${ratio(p50(fourteenDays.board1), p50(oneDay.board1))}, p95 (1) ${ratio(p95(fourteenDays.board1), p95(oneDay.board1))}, p50 (${CLIENTS}) ${ratio(p50(fourteenDays.boardN), p50(oneDay.boardN))}, p95 (${CLIENTS}) ${ratio(p95(fourteenDays.boardN), p95(oneDay.boardN))}`,
      );
    }

    out("");
    out(`30-day patient (${longest._count._all} sets), 3 requests each, one client:`);
    const login = await load("/login", "", 1, 10);
    for (const [label, url] of [
      ["timeline page, 24 h", `/patients/${longId}`],
      ["timeline page, All", `/patients/${longId}?window=all`],
      ["timeline API", `/api/patients/${longId}/timeline`],
    ] as const) {
      const sample = await load(url, nurse, 1, 3);
      out(
        `  ${label.padEnd(20)} ${kb(sample.bytes).padStart(8)}  p50 ${fmt(p50(sample)).padStart(8)}  (${ratio(p50(sample), p50(login))} login p50 ${fmt(p50(login))})`,
      );
    }

    // Writes: one nurse charting sets one after the other.
    const admitted = await postJson(base, physician, "/api/patients", {
      mrn: `BENCHNEW${randomUUID().slice(0, 6)}`,
      name: "Bench New Patient",
      birthDate: "1970-01-01",
      sex: "female",
      weightKg: "70",
      weightMeasuredAt: new Date(Date.now() - DAY).toISOString(),
      wardId: DEMO_WARD.id,
      bed: "NEW-1",
      product: "axicabtagene ciloleucel",
      therapy: "car_t",
      infusionAt: new Date(Date.now() - 2 * DAY).toISOString(),
    });
    const newId = (admitted.body as { id: string }).id;
    // Sets charted in time order, as at the bedside (each after every fact), one second apart and
    // all before now; `late` charts one hours back instead (ALERT-LATE-ENTRY: later sets re-graded).
    let second = 0;
    const write = async (patientId: string, late = false) => {
      const effectiveAt = late ? Date.now() - 6 * 3_600_000 - second++ * 1000 : Date.now() - 60_000 + second++ * 1000;
      const body = JSON.stringify({
        idempotencyKey: randomUUID(),
        effectiveAt: new Date(effectiveAt).toISOString(),
        heartRate: "80",
        temperature: "37.0",
      });
      const result = await timed(`${nextBase()}/api/patients/${patientId}/observations`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: nurse },
        body,
      });
      // A refused or failed write is counted and reported (with the server's error), not timed.
      if (result.status !== 201) failures.push(result.status);
      return result.status === 201 ? result.ms : null;
    };
    const failures: number[] = [];
    const writes = async (patientId: string, count: number, late = false) => {
      const ms: number[] = [];
      for (let i = 0; i < count; i++) {
        const took = await write(patientId, late);
        if (took !== null) ms.push(took);
      }
      return { ms, bytes: 0 };
    };
    // Warm up the write route as the reads were (its first runs compile and optimise the code), on
    // every instance: otherwise the first series timed, the 30-day patient's, paid for it.
    await writes(newId, 5 * bases.length);
    const loginW = await load("/login", "", 1, 20);
    const idleLong = await writes(longId, 20);
    const idleNew = await writes(newId, 20);
    // Under load: CLIENTS loops reading the long timeline API while the nurse charts 5 sets.
    let reading = true;
    const readers = Array.from({ length: CLIENTS }, async () => {
      while (reading)
        await timed(`${nextBase()}/api/patients/${longId}/timeline`, { headers: { cookie: nurse } }).catch(() => undefined);
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const busy = await writes(newId, 5).finally(() => (reading = false));
    await Promise.all(readers);
    const lateLong = await writes(longId, 10, true);
    out("");
    out(`A charted set (POST), one nurse, /login p50 ${fmt(p50(loginW))}:`);
    out(`  30-day patient, idle:   p50 ${fmt(p50(idleLong))} (${ratio(p50(idleLong), p50(loginW))}), p95 ${fmt(p95(idleLong))}`);
    out(`  new patient, idle:      p50 ${fmt(p50(idleNew))} (${ratio(p50(idleNew), p50(loginW))}), p95 ${fmt(p95(idleNew))}`);
    out(
      `  30-day patient, a late entry 6 h back: p50 ${fmt(p50(lateLong))} (${ratio(p50(lateLong), p50(loginW))}), p95 ${fmt(p95(lateLong))}`,
    );
    out(
      `  new patient, under ${CLIENTS} long-timeline reads: p95 ${fmt(p95(busy))} (${ratio(p95(busy), p95(idleNew))} its idle p95)`,
    );
    if (failures.length > 0) {
      out(`  ${failures.length} write(s) failed, not timed: HTTP ${failures.join(", ")}. The servers' errors:`);
      for (const server of servers)
        for (const line of server
          .output()
          .split("\n")
          .filter((text) => /error|P20\d\d/i.test(text))
          .slice(-5))
          out(`    ${line.slice(0, 300)}`);
    }
    out("");
    out(`Server memory: peak RSS ${mb(peak)} over the run. Run time ${((Date.now() - runStarted) / 1000).toFixed(0)} s.`);
  } finally {
    clearInterval(sampler);
    await Promise.all(servers.map((server) => server.stop()));
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    database.remove();
    stopStore();
  }
}

function sqliteDatabase(): { database: ThrowawayDatabase; stopStore: () => void } {
  return { database: prepareDatabase("crs-bench-http-"), stopStore: () => undefined };
}

/** A throwaway PostgreSQL server with one migrated, demo-seeded database; both instances share one session secret. */
async function postgresDatabase(): Promise<{ database: ThrowawayDatabase; stopStore: () => void }> {
  const postgres = await startPostgres({ quiet: true });
  const database = await preparePostgresDatabase(postgres.url, "crs_bench");
  return { database, stopStore: postgres.stop };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
