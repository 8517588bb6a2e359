// Loading for the ward report: the ward, the day range, and each patient's engine input as of now.
// Discharged patients count too: the report is about the days, not who is on the ward today.
import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { z } from "zod";
import { db } from "@/lib/db";
import { loadDoseConfirmations } from "@/lib/facts/dose-confirmations";
import { gradingPatientColumns } from "@/lib/facts/grading-patient";
import { engineInput } from "@/lib/timeline/engine-input";
import { currentVersions, loadFactVersions } from "@/lib/timeline/facts";
import { loadTaskFacts, taskFactsForEngine } from "@/lib/timeline/task-facts";
import { wardDay, wardReport, type PatientTimeline, type WardReport } from "@/lib/reports/ward-report";

/**
 * The default range: today on the ward's clock. Each set is judged against the engine's OBS_DUE as of
 * just before it, so the cost grows with the sets in the range times the history behind them (about
 * 5 s for a day of 15-minute sets on a 30-day stay); a longer range is chosen in the form.
 */
const DEFAULT_DAYS = 1;
/** Longer ranges re-evaluate every set of every patient: kept to a quarter. */
const MAX_DAYS = 92;

export interface WardReportFilters {
  wardId: string;
  from: string;
  to: string;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as yyyy-mm-dd");
const filtersSchema = z.object({ ward: z.string().min(1).optional(), from: day.optional(), to: day.optional() });

export type ParsedFilters =
  { ok: true; filters: WardReportFilters; wardName: string; timeZone: string } | { ok: false; message: string };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

export async function wardChoices(): Promise<{ id: string; name: string; timeZone: string }[]> {
  return db.ward.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, timeZone: true } });
}

/** Ward (default the first), from and to (default today on the ward's clock). */
export async function parseWardReportFilters(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
  now: Date,
): Promise<ParsedFilters> {
  const raw = params instanceof URLSearchParams ? Object.fromEntries(params) : params;
  const parsed = filtersSchema.safeParse({ ward: first(raw.ward), from: first(raw.from), to: first(raw.to) });
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const wards = await wardChoices();
  const ward = parsed.data.ward ? wards.find((w) => w.id === parsed.data.ward) : wards[0];
  if (!ward) return { ok: false, message: "ward: no such ward" };
  const to = parsed.data.to ?? wardDay(now.getTime(), ward.timeZone);
  const from = parsed.data.from ?? format(addDays(new TZDate(`${to}T12:00:00`, ward.timeZone), 1 - DEFAULT_DAYS), "yyyy-MM-dd");
  if (from > to) return { ok: false, message: "from: must be on or before to" };
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (span > MAX_DAYS) return { ok: false, message: `to: at most ${MAX_DAYS} days at a time` };
  return { ok: true, filters: { wardId: ward.id, from, to }, wardName: ward.name, timeZone: ward.timeZone };
}

/** The report for one ward's days, every patient's facts as of `now`. */
export async function loadWardReport(filters: WardReportFilters, timeZone: string, now: Date): Promise<WardReport> {
  const patients = await db.patient.findMany({ where: { wardId: filters.wardId }, select: gradingPatientColumns });
  const ids = patients.map((p) => p.id);
  const [facts, confirmations, taskFacts] = await Promise.all([
    loadFactVersions(db, ids),
    loadDoseConfirmations(db, ids),
    loadTaskFacts(db, ids),
  ]);
  const inputs = patients.map((patient): PatientTimeline => {
    const versions = facts.get(patient.id)!;
    const observations = currentVersions(versions.observations).map((lineage) => lineage.current);
    const doses = currentVersions(versions.doses).map((lineage) => lineage.current);
    const owed = taskFacts.get(patient.id) ?? { acknowledgements: [], pauses: [] };
    const input = engineInput(patient, observations, doses, now, confirmations, taskFactsForEngine(owed));
    return { ...input, now: now.toISOString() };
  });
  return wardReport(inputs, timeZone, filters.from, filters.to);
}
