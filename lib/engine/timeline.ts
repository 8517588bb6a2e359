/**
 * evaluateTimeline: the whole graded timeline of one patient from the charted facts and `now`.
 * Facts after `now` are left out first (ASOF, asof.ts); the rest are put in time order once; the
 * patient's CRS grading system (grading/registry.ts) grades the observations, ICANS and NEWS2 are
 * graded beside it, and the doses, timers, recommendations and alerts are derived from them. Sets
 * at one instant are each graded on their own; whatever is "current" takes the most severe of
 * them (TIE), never the order of their ids. Input is trusted (validate at the edge with parseTimelineInput).
 */
import { factsAsOf } from "./asof";
import { gradeMedications, KNOWN_DRUGS } from "./doses";
import { drugNameForRules } from "./drug-codes";
import { crsEpisodes } from "./episodes";
import { icansAlert } from "./alerts";
import { crsGradingSystem } from "./grading/registry";
import type { ChartedDose, ChartedObservation, CrsWalkState, PatientCourse } from "./grading/types";
import { byInstant, gradeObservations, lastSet, latestIcans, latestNews2 } from "./graded-sets";
import { recommend } from "./recommendations";
import { resolveSettings, type EngineSettings } from "./settings";
import { steroidAlertWindow } from "./steroid-window";
import { deriveTasks } from "./tasks";
import { parseInstant, toIsoUtc } from "./time";
import { sortedInTime, type Timed } from "./time-order";
import { escalationTimers, GRADE1_RULE, GRADE2_RULE, seriesPoint, type SeriesPoint } from "./escalation-clocks";
import { iceDueTimer, observationDueTimer, observationInterval, runningPause } from "./observation-due";
import { dosesInLast24h, nextEligibleDose, tociRedoseTimer, TOCI_MAX_DOSES_TOTAL, tocilizumabDose } from "./tocilizumab";
import type {
  Alert,
  CrsGrade,
  EpisodeSummary,
  HypotensionAxisGrade,
  MedicationInput,
  ObservationInput,
  Timer,
  TimelineInput,
  TimelineOutput,
} from "./types";
import { carriedByInstant, type ChartedInfusions } from "./vasopressors";
import { weightForDose } from "./weights";

/** evaluateTimeline was called without `now`: the engine never reads the clock itself. */
export class MissingNowError extends TypeError {
  constructor() {
    super("evaluateTimeline needs input.now (an ISO-8601 time); the caller supplies the current time");
    this.name = "MissingNowError";
  }
}

/**
 * The charted facts in time order, each observation with the infusions carried to it, and the
 * infusions in effect after the last of them. `inEffect`: those in effect before the first.
 */
function chartedCourse(
  observationsAsOf: Timed<ObservationInput>[],
  medicationsAsOf: Timed<MedicationInput>[],
  settings: EngineSettings,
  inEffect: ChartedInfusions | null,
): { course: PatientCourse; infusionsAfter: ChartedInfusions | null } {
  const ordered = sortedInTime(observationsAsOf).map(({ fact, atMs }) => ({ observation: fact, atMs }));
  // The infusions last charted as running (vasopressors.ts), counted at sets that chart none (TIE: by instant).
  const { before, latest } = carriedByInstant(ordered, inEffect);
  const observations: ChartedObservation[] = ordered.map(({ observation, atMs }, index) => ({
    observation,
    at: toIsoUtc(atMs),
    atMs,
    carriedInfusions: observation.vasopressors == null ? (before[index] ?? null) : null,
  }));
  // DRUG-CODES: every rule below reads the coded generic, whatever name the dose was charted under.
  const medications: ChartedDose[] = sortedInTime(medicationsAsOf).map(({ fact, atMs }) => ({
    medication: { ...fact, drug: drugNameForRules(fact.drug, KNOWN_DRUGS).drug },
    chartedName: fact.drug,
    at: toIsoUtc(atMs),
    atMs,
  }));
  return { course: { observations, medications, settings }, infusionsAfter: latest };
}

/** ALERT-* sorted by time, then rule, then the fact they name. */
function byTimeThenRule(a: Alert, b: Alert): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  const ida = a.observationId ?? a.medicationId ?? "";
  const idb = b.observationId ?? b.medicationId ?? "";
  if (ida !== idb) return ida < idb ? -1 : 1;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

/**
 * Where evaluateObservations' walk stood after the last fact it graded: evaluateLaterObservations
 * grades facts charted after that from here. Read only by the engine.
 */
export interface ObservationsWalk {
  /** The instant of the last observation or dose walked. */
  readonly lastAtMs: number;
  /** The patient and settings graded with: a walk goes on only for the same. */
  readonly gradedWith: string;
  readonly infusions: ChartedInfusions | null;
  readonly crs: CrsWalkState;
}

const gradedWithOf = (input: TimelineInput, settings: Partial<EngineSettings> | null | undefined) =>
  JSON.stringify([input.patient, settings ?? null]);

/** The first steps of every evaluation: the facts as of `now`, in time order, each observation graded. */
function gradedCourse(input: TimelineInput, settings: Partial<EngineSettings> | null | undefined, from?: ObservationsWalk) {
  if (input.now == null) throw new MissingNowError();
  const nowMs = parseInstant(input.now);
  const config = resolveSettings(settings, input.patient);
  const facts = factsAsOf(input, nowMs);
  const { course, infusionsAfter } = chartedCourse(facts.observations, facts.medications, config, from?.infusions ?? null);
  const crs = crsGradingSystem(input.patient.gradingSystem).gradeCourse(course, from?.crs);
  const graded = gradeObservations(course, crs, input.patient.spo2Scale ?? 1);
  const lastAtMs = Math.max(
    from?.lastAtMs ?? Number.NEGATIVE_INFINITY,
    course.observations.at(-1)?.atMs ?? Number.NEGATIVE_INFINITY,
    course.medications.at(-1)?.atMs ?? Number.NEGATIVE_INFINITY,
  );
  // A fact left out as after `now` (ASOF) was not walked: no walk can go on past it.
  const walk: ObservationsWalk | null =
    facts.futureFacts.length > 0
      ? null
      : { lastAtMs, gradedWith: gradedWithOf(input, settings), infusions: infusionsAfter, crs: crs.walkState };
  return { nowMs, config, facts, course, crs, graded, walk };
}

/**
 * The graded observations only, exactly as evaluateTimeline grades them (the same steps, not a
 * copy of them), without the doses, timers, recommendations, alerts and tasks derived after. For
 * a write, which reports the new set's grade and the sets it re-graded (ALERT-LATE-ENTRY). `walk`
 * (null when a fact is after `now`) lets evaluateLaterObservations grade later facts from here.
 */
export function evaluateObservations(
  input: TimelineInput,
  settings?: Partial<EngineSettings> | null,
): Pick<TimelineOutput, "observations"> & { walk: ObservationsWalk | null } {
  const { graded, walk } = gradedCourse(input, settings);
  return { observations: graded.sets.map((set) => set.observation), walk };
}

/**
 * The observations and doses of `input`, all charted after `walk`'s last fact, graded as
 * evaluateObservations grades them in the whole timeline (the walk's facts and these): an
 * observation's grade depends only on the facts at or before it (properties.test.ts), and the
 * walk carries what those decided (the running episode, its masking, the infusions in effect).
 * So charting a new set costs one step, not a walk over the whole stay. Null when a fact is not
 * after the walk, or is after `now`, or the patient or settings differ: grade the whole timeline.
 */
export function evaluateLaterObservations(
  walk: ObservationsWalk,
  input: TimelineInput,
  settings?: Partial<EngineSettings> | null,
): (Pick<TimelineOutput, "observations"> & { walk: ObservationsWalk }) | null {
  if (walk.gradedWith !== gradedWithOf(input, settings)) return null;
  const instants = [...(input.observations ?? []), ...(input.medications ?? [])].map((fact) => parseInstant(fact.at));
  if (instants.some((atMs) => !(atMs > walk.lastAtMs))) return null;
  const { graded, walk: next } = gradedCourse(input, settings, walk);
  return next && { observations: graded.sets.map((set) => set.observation), walk: next };
}

/**
 * Grade every observation, flag every tocilizumab dose, and derive the timers, recommendations and
 * alerts at `input.now`. Throws MissingNowError when `now` is absent.
 * Settings: DEFAULT_SETTINGS < `settings` < the patient's own settings.
 * Grading system: patient.gradingSystem (ASTCT 2019 when absent).
 */
export function evaluateTimeline(input: TimelineInput, settings?: Partial<EngineSettings> | null): TimelineOutput {
  const { nowMs, config, facts, course, crs, graded } = gradedCourse(input, settings);
  const weightKg = input.patient.weightKg ?? null;
  const meds = gradeMedications(course, crs, { weights: facts.weights, weightKg }, nowMs);

  // OBS-STATUS: refused and not-possible sets take no part in the grade, the clocks or the episodes.
  const chartedInstants = byInstant(graded.sets.filter((set) => set.charted));
  const allInstants = byInstant(graded.sets);
  const latestInstant = chartedInstants.at(-1);
  const series: SeriesPoint[] = chartedInstants.map((instant) => seriesPoint(instant));
  const latest = series.at(-1) ?? null;
  // TIE: the current grade is the most severe of the sets at the latest instant.
  const currentGrade: CrsGrade = latest ? latest.grade : 0;
  const currentHypotensionAxis: HypotensionAxisGrade = latest ? latest.hypotensionAxis : 0;
  const maxGrade = series.reduce<CrsGrade>((max, point) => (point.grade > max ? point.grade : max), 0);
  const icans = latestIcans(chartedInstants);
  const currentIcans = icans ? icans.grade : null;
  const currentNews2 = latestNews2(latestInstant);
  const episodeList = crsEpisodes(
    series.map((point) => ({ atMs: point.atMs, grade: point.grade, febrile: point.febrile })),
    nowMs,
    config,
  );
  const episodes: EpisodeSummary[] = episodeList.map((episode) => ({
    startedAt: toIsoUtc(episode.startedAtMs),
    endedAt: episode.endedAtMs === null ? null : toIsoUtc(episode.endedAtMs),
    maxGrade: episode.maxGrade,
  }));
  const latestEpisode = episodeList.at(-1) ?? null;
  const previousEpisode = episodeList.at(-2) ?? null;

  // Tocilizumab summary (TOCI-DOSE with the weight at now, TOCI-WEIGHT; TOCI-NEXT).
  const weightNow = weightForDose(nowMs, { weights: facts.weights, weightKg }, config);
  const dose = tocilizumabDose(weightNow.kg);
  const next = nextEligibleDose(meds.tociTimes, nowMs, config);
  const dosesTotal = meds.tociTimes.length;
  const dosesLast24h = dosesInLast24h(meds.tociTimes, nowMs);

  const grade2Timers = escalationTimers(GRADE2_RULE, series, nowMs);
  const grade1Timers = escalationTimers(GRADE1_RULE, series, nowMs);
  const timers: Timer[] = [...grade2Timers, ...grade1Timers];
  const redose = tociRedoseTimer(meds.lastToci, dosesTotal, next.dueMs, currentGrade, nowMs);
  if (redose) timers.push(redose);
  const lastInstant = allInstants.at(-1);
  if (lastInstant && currentGrade !== 5) {
    // OBS_DUE: the interval of the last charted instant (a refused or not-possible set after it restarts the clock at it).
    const interval = observationInterval(
      (latestInstant ?? []).map((set) => set.cadence),
      input.patient.obsIntervalMinutes ?? null,
      config,
    );
    const last = lastSet(lastInstant, interval.sourceId);
    timers.push(observationDueTimer(last, interval, facts.pauses, nowMs, config));
    // ICE_DUE only while an episode runs at now; an ICE from before the previous episode ended does not count.
    if (latestEpisode && latestEpisode.endedAtMs === null) {
      const since = previousEpisode?.endedAtMs ?? Number.NEGATIVE_INFINITY;
      let lastIce: { id: string; at: string; atMs: number } | null = null;
      for (const set of graded.sets) {
        if (set.charted && set.iceCharted && set.atMs >= since)
          lastIce = { id: set.observation.id, at: set.observation.at, atMs: set.atMs };
      }
      const onset = { at: toIsoUtc(latestEpisode.startedAtMs), atMs: latestEpisode.startedAtMs };
      timers.push(iceDueTimer(onset, lastIce, runningPause(facts.pauses, nowMs), nowMs, config));
    }
  }

  // ALERT-STEROID-PROPHYLAXIS (rev 2): from the first corticosteroid dose until steroidAlertDays after the last.
  const steroid = steroidAlertWindow(meds.steroidDoses, nowMs, config);
  const steroidSince = steroid ? meds.steroidDoses.find((d) => d.atMs === steroid.sinceMs) : undefined;

  const latestMs = latest ? latest.atMs : Number.NEGATIVE_INFINITY;
  const recommendations = recommend({
    currentGrade,
    currentHypotensionAxis,
    nowMs,
    dose,
    dosesTotal,
    dosesLast24h,
    nextEligibleMs: next.atMs,
    tociDosesBeforeLatest: meds.tociTimes.filter((time) => time < latestMs).length,
    steroidBeforeLatest: meds.steroidDoses.some((d) => d.atMs < latestMs),
    firstSteroid: steroid && steroidSince ? { drug: steroidSince.drug ?? "corticosteroid", atMs: steroid.sinceMs } : null,
    grade2Overdue: openOverdue(grade2Timers),
    grade1Overdue: openOverdue(grade1Timers),
  });

  const observations = graded.sets.map((set) => set.observation);
  const alerts = [...graded.alerts, ...meds.alerts, ...facts.futureFacts];
  const icansAlerted = icansAlert(currentIcans, icans, currentGrade);
  if (icansAlerted) alerts.push(icansAlerted);
  if (steroid && steroidSince) {
    alerts.push({ ...steroid.reason, at: toIsoUtc(steroid.sinceMs), medicationId: steroidSince.id });
  }
  alerts.sort(byTimeThenRule);

  return {
    observations,
    medications: meds.graded,
    currentGrade,
    maxGrade,
    currentIcansGrade: currentIcans,
    currentNews2,
    episodeStartedAt: crs.episodeStart ? crs.episodeStart.at : null,
    episodes,
    timers,
    tocilizumab: {
      dosesTotal,
      dosesLast24h,
      remainingTotal: Math.max(0, TOCI_MAX_DOSES_TOTAL - dosesTotal),
      nextEligibleAt: next.atMs === null ? null : toIsoUtc(next.atMs),
      recommendedDoseMg: dose.doseMg,
      weightKg: weightNow.kg,
      weightMeasuredAt: weightNow.measuredAtMs === null ? null : toIsoUtc(weightNow.measuredAtMs),
      weightStale: weightNow.stale !== null,
    },
    recommendations,
    alerts,
    tasks: deriveTasks({
      observations,
      medications: meds.graded,
      medicationInputs: facts.medications.map(({ fact }) => fact),
      timers,
      pauses: input.pauses ?? [],
      acknowledgements: input.acknowledgements ?? [],
      patientIntervalMinutes: input.patient.obsIntervalMinutes ?? null,
      nowMs,
      settings: config,
    }),
  };
}

/** The last timer of a clock when it ran out and is still open (closedAt null). */
function openOverdue(timers: readonly Timer[]): Timer | null {
  const last = timers.at(-1);
  return last && last.status === "overdue" && last.closedAt === null ? last : null;
}
