// Times charting one set (recordObservation, in process, no HTTP) for the patient with the longest
// history and for one with none, and times the parts of its preparation. A benchmark, not a test:
//   DATABASE_URL=file:/tmp/x.db npx tsx scripts/prepare-db.ts && DATABASE_URL=file:/tmp/x.db npx tsx scripts/bench-write.ts [count]
import { randomUUID } from "node:crypto";
import { db, disconnectDb } from "@/lib/db";
import { evaluateTimeline } from "@/lib/engine";
import { readFactSnapshot } from "@/lib/observations/fact-snapshot";
import { recordObservation } from "@/lib/observations/record-observation";
import { engineInput } from "@/lib/timeline/engine-input";
import { currentVersions, loadPatientFactVersions } from "@/lib/timeline/facts";
import { loadChartingPatient } from "@/lib/write/charting-write";

const COUNT = Number(process.argv[2] ?? 20);

const p = (ms: number[], q: number) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(q * ms.length))]!;
const fmt = (ms: number[]) => `p50 ${p(ms, 0.5).toFixed(1)} ms, p95 ${p(ms, 0.95).toFixed(1)} ms (n=${ms.length})`;

/** CPU milliseconds of this process (user + system; the database runs in process) per write, beside wall time: the machine may be shared. */
const cpu: number[] = [];

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const used = process.cpuUsage();
  const value = await work();
  const spent = process.cpuUsage(used);
  cpu.push((spent.user + spent.system) / 1000);
  return [performance.now() - start, value];
}

async function main() {
  const nurse = await db.user.findFirstOrThrow({ where: { role: "nurse" } });
  const user = { id: nurse.id, username: nurse.username, displayName: nurse.displayName, role: nurse.role as "nurse" };
  const counts = await db.observation.groupBy({ by: ["patientId"], _count: { _all: true } });
  const longest = counts.sort((a, b) => b._count._all - a._count._all)[0]!;
  const template = await db.patient.findUniqueOrThrow({ where: { id: longest.patientId } });
  const fresh = await db.patient.create({
    data: {
      ...template,
      id: randomUUID(),
      mrn: `BENCH-${Date.now()}`,
      bed: "BENCH",
      infusionAt: new Date(Date.now() - 2 * 86_400_000),
      weightMeasuredAt: new Date(Date.now() - 86_400_000),
      createdAt: new Date(Date.now() - 3 * 86_400_000),
    },
  });
  console.log(`Longest history: ${longest._count._all} observation rows; new patient: 0.`);

  // The parts of one write's preparation, for the long patient.
  const parts: Record<string, number[]> = { load: [], current: [], engine: [], snapshot: [] };
  for (let i = 0; i < 5; i++) {
    const [load, versions] = await time(() => loadPatientFactVersions(db, longest.patientId));
    const patient = (await loadChartingPatient(db, longest.patientId))!;
    const [current, facts] = await time(() => ({
      observations: currentVersions(versions.observations).map((l) => l.current),
      doses: currentVersions(versions.doses).map((l) => l.current),
    }));
    const [engine] = await time(() => evaluateTimeline(engineInput(patient, facts.observations, facts.doses, new Date())));
    const [snapshot] = await time(() => readFactSnapshot(longest.patientId));
    parts.load!.push(load);
    parts.current!.push(current);
    parts.engine!.push(engine);
    parts.snapshot!.push(snapshot);
  }
  for (const [name, ms] of Object.entries(parts)) console.log(`  ${name.padEnd(9)} ${fmt(ms)}`);

  let second = 0;
  const chart = async (patientId: string, late: boolean) => {
    const now = new Date();
    // late: a minute ago and earlier each time (as bench:http charts); else a fresh set at now.
    const effectiveAt = late ? new Date(now.getTime() - 60_000 - second++ * 1000) : now;
    const [ms, result] = await time(() =>
      recordObservation(
        user,
        patientId,
        { idempotencyKey: randomUUID(), effectiveAt: effectiveAt.toISOString(), heartRate: "80", temperature: "37.0" },
        now,
      ),
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    return ms;
  };
  for (const [name, id] of [
    ["30-day", longest.patientId],
    ["new", fresh.id],
  ] as const) {
    for (const late of [true, false]) {
      const ms: number[] = [];
      cpu.length = 0;
      for (let i = 0; i < COUNT; i++) ms.push(await chart(id, late));
      console.log(`recordObservation ${name.padEnd(6)} ${late ? "late   " : "newest "} wall ${fmt(ms)}; CPU ${fmt(cpu)}`);
    }
  }
  await disconnectDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
