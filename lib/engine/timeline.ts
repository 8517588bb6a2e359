/**
 * evaluateTimeline: the whole graded timeline of one patient from the charted facts and `now`.
 * The facts are put in time order once; the patient's CRS grading system (grading/registry.ts)
 * grades the observations, ICANS is graded beside it, and the doses, timers, recommendations and
 * alerts are derived from both. Input is trusted (validate at the edge with parseTimelineInput).
 */
import { drugNameForRules, uncodedDrugAlertReason } from "./drug-codes";
import { crsEpisodes } from "./episodes";
import { news2Score } from "./news2";
import { icansAlert, steroidProphylaxisAlert } from "./alerts";
import { crsGradingSystem } from "./grading/registry";
import type { ChartedDose, ChartedObservation, CrsCourseGrades, PatientCourse } from "./grading/types";
import { gradeIcans } from "./icans";
import { recommend } from "./recommendations";
import { resolveSettings, type EngineSettings } from "./settings";
import { deriveTasks } from "./tasks";
import { parseInstant, toIsoUtc } from "./time";
import { inTimeOrder } from "./time-order";
import {
  escalationTimers,
  GRADE1_RULE,
  GRADE2_RULE,
  iceDueTimer,
  observationDueTimer,
  tociRedoseTimer,
  type SeriesPoint,
} from "./timers";
import { dosesInLast24h, nextEligibleDose, TOCI_MAX_DOSES_TOTAL, tocilizumabDose, tocilizumabFlags } from "./tocilizumab";
import type {
  Alert,
  CrsGrade,
  EpisodeSummary,
  GradedMedication,
  GradedObservation,
  News2Summary,
  Reason,
  Timer,
  TimelineInput,
  TimelineOutput,
  TociFlag,
} from "./types";
import { chartingAfter, type ChartedInfusions } from "./vasopressors";
import { CORTICOSTEROIDS, DRUGS } from "./vocabulary";

const KNOWN_DRUGS: ReadonlySet<string> = new Set(DRUGS);

/** evaluateTimeline was called without `now`: the engine never reads the clock itself. */
export class MissingNowError extends TypeError {
  constructor() {
    super("evaluateTimeline needs input.now (an ISO-8601 time); the caller supplies the current time");
    this.name = "MissingNowError";
  }
}

/** The charted facts in time order, each observation with the infusions carried to it. */
function chartedCourse(input: TimelineInput, settings: EngineSettings): PatientCourse {
  // The infusions last charted as running (vasopressors.ts): counted at observations that chart none.
  let charted: ChartedInfusions | null = null;
  const observations: ChartedObservation[] = [];
  for (const { fact: observation, atMs } of inTimeOrder(input.observations ?? [])) {
    const carriedInfusions = observation.vasopressors == null ? charted : null;
    observations.push({ observation, at: toIsoUtc(atMs), atMs, carriedInfusions });
    charted = chartingAfter(charted, observation, atMs);
  }
  // DRUG-CODES: every rule below reads the coded generic, whatever name the dose was charted under.
  const medications: ChartedDose[] = inTimeOrder(input.medications ?? []).map(({ fact, atMs }) => ({
    medication: { ...fact, drug: drugNameForRules(fact.drug, KNOWN_DRUGS).drug },
    chartedName: fact.drug,
    at: toIsoUtc(atMs),
    atMs,
  }));
  return { observations, medications, settings };
}

interface GradedObservations {
  graded: GradedObservation[];
  series: SeriesPoint[];
  alerts: Alert[];
  /** The latest observation with an ICANS grade, and with an ICE score (for ICE_DUE), or null. */
  latestIcans: (GradedObservation & { atMs: number }) | null;
  latestIce: { at: string; atMs: number } | null;
}

/** Each observation's CRS grade (from the grading system) and ICANS grade, with their reasons. */
function gradeObservations(course: PatientCourse, crs: CrsCourseGrades, spo2Scale: 1 | 2): GradedObservations {
  const result: GradedObservations = { graded: [], series: [], alerts: [], latestIcans: null, latestIce: null };
  course.observations.forEach(({ observation, at, atMs }, index) => {
    const grade = crs.observations[index];
    if (!grade) throw new RangeError(`the grading system returned no grade for observation ${observation.id}`);
    const icans = gradeIcans(observation);
    const status = observation.status ?? "charted";
    const news2 =
      status === "charted"
        ? news2Score(observation, { spo2Scale, news2HighCadenceMinutes: course.settings.news2HighCadenceMinutes })
        : null;
    const graded: GradedObservation = {
      id: observation.id,
      at,
      status,
      grade: grade.grade,
      news2: news2 && { score: news2.score, complete: news2.complete, band: news2.band },
      icansGrade: icans.grade,
      febrile: grade.febrile,
      hypotensionAxis: grade.hypotensionAxis,
      oxygenAxis: grade.oxygenAxis,
      reasons: [...grade.reasons, ...icans.reasons, ...(news2 ? news2.reasons : [])],
    };
    result.graded.push(graded);
    result.series.push({ observation: graded, atMs, bloodPressureKnown: grade.bloodPressureKnown });
    for (const alert of grade.alerts) result.alerts.push({ ...alert, at, observationId: observation.id });
    if (icans.grade !== null) result.latestIcans = { ...graded, atMs };
    if (observation.iceScore != null) result.latestIce = { at, atMs };
  });
  return result;
}

interface GradedMedications {
  graded: GradedMedication[];
  tociTimes: number[];
  lastToci: { at: string; atMs: number } | null;
  firstSteroid: { id: string; drug: string; at: string; atMs: number } | null;
  steroidTimes: number[];
}

/** Each dose with its tocilizumab flags (TOCI-*), the grading system's reasons and ALERT-STEROID-PROPHYLAXIS. */
function gradeMedications(
  course: PatientCourse,
  crs: CrsCourseGrades,
  weightKg: number | null,
  nowMs: number,
): GradedMedications {
  const result: GradedMedications = { graded: [], tociTimes: [], lastToci: null, firstSteroid: null, steroidTimes: [] };
  course.medications.forEach(({ medication, chartedName, at, atMs }, index) => {
    const reasons: Reason[] = [];
    let flags: GradedMedication["flags"] = [];
    let doseNumber: number | undefined;
    if (medication.drug === "tocilizumab") {
      const checked = tocilizumabFlags({ atMs, doseMg: medication.doseMg }, result.tociTimes, weightKg, course.settings);
      ({ flags, doseNumber } = checked);
      reasons.push(...checked.reasons);
      result.tociTimes.push(atMs);
      result.lastToci = { at, atMs };
    }
    reasons.push(...(crs.doseReasons[index] ?? []));
    if (CORTICOSTEROIDS.has(medication.drug)) {
      result.steroidTimes.push(atMs);
      result.firstSteroid ??= { id: medication.id, drug: medication.drug, at, atMs };
      reasons.push({
        rule: "ALERT-STEROID-PROPHYLAXIS",
        text: "Corticosteroid: consider antifungal prophylaxis (ALERT-STEROID-PROPHYLAXIS)",
      });
    }
    const { id, doseMg } = medication;
    const drug = drugNameForRules(chartedName, KNOWN_DRUGS).coded ? medication.drug : null;
    const confirmedFlags = confirmedAsOf(medication, nowMs);
    const unconfirmedFlags = flags.filter((flag) => !confirmedFlags.includes(flag));
    const entry: GradedMedication = {
      id,
      at,
      drug,
      chartedName,
      doseMg,
      route: medication.route ?? null,
      flags,
      confirmedFlags,
      unconfirmedFlags,
      reasons,
    };
    if (doseNumber !== undefined) entry.doseNumber = doseNumber;
    result.graded.push(entry);
  });
  return result;
}

/** TOCI-CONFIRM: the flags confirmed at or before `now` (a confirmation after now has not happened, ASOF). */
function confirmedAsOf(medication: ChartedDose["medication"], nowMs: number): TociFlag[] {
  const flags = medication.confirmedFlags ?? [];
  if (flags.length === 0) return [];
  if (medication.confirmedAt != null && parseInstant(medication.confirmedAt) > nowMs) return [];
  return [...flags];
}

function countBefore(times: readonly number[], ms: number): number {
  return times.filter((time) => time < ms).length;
}

/** The last timer of a clock when it ran out and is still open (closedAt null). */
function openOverdue(timers: readonly Timer[]): Timer | null {
  const last = timers.at(-1);
  return last && last.status === "overdue" && last.closedAt === null ? last : null;
}

/** NEWS2 of the latest charted set; of sets at that instant, the highest score (TIE). */
function latestNews2(graded: readonly GradedObservation[]): News2Summary | null {
  let latest: { at: string; news2: News2Summary } | null = null;
  for (const { at, news2 } of graded) {
    if (!news2) continue;
    if (!latest || at > latest.at || (at === latest.at && news2.score > latest.news2.score)) latest = { at, news2 };
  }
  return latest ? latest.news2 : null;
}

/** ALERT-* sorted by time, then rule. */
function byTimeThenRule(a: Alert, b: Alert): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

/**
 * Grade every observation, flag every tocilizumab dose, and derive the timers, recommendations and
 * alerts at `input.now`. Throws MissingNowError when `now` is absent.
 * Settings: DEFAULT_SETTINGS < `settings` < the patient's own settings.
 * Grading system: patient.gradingSystem (ASTCT 2019 when absent).
 */
export function evaluateTimeline(input: TimelineInput, settings?: Partial<EngineSettings> | null): TimelineOutput {
  if (input.now == null) throw new MissingNowError();
  const nowMs = parseInstant(input.now);
  const config = resolveSettings(settings, input.patient);
  const weightKg = input.patient.weightKg ?? null;
  const course = chartedCourse(input, config);
  const crs = crsGradingSystem(input.patient.gradingSystem).gradeCourse(course);
  const observations = gradeObservations(course, crs, input.patient.spo2Scale ?? 1);
  const meds = gradeMedications(course, crs, weightKg, nowMs);

  const latest = observations.series.at(-1) ?? null;
  const currentGrade: CrsGrade = latest ? latest.observation.grade : 0;
  const maxGrade = observations.graded.reduce<CrsGrade>(
    (max, observation) => (observation.grade > max ? observation.grade : max),
    0,
  );
  const currentIcans = observations.latestIcans ? observations.latestIcans.icansGrade : null;
  const currentNews2 = latestNews2(observations.graded);
  const episodes: EpisodeSummary[] = crsEpisodes(
    observations.series.map(({ observation, atMs }) => ({ atMs, grade: observation.grade, febrile: observation.febrile })),
    nowMs,
    config,
  ).map((episode) => ({
    startedAt: toIsoUtc(episode.startedAtMs),
    endedAt: episode.endedAtMs === null ? null : toIsoUtc(episode.endedAtMs),
    maxGrade: episode.maxGrade,
  }));

  // Tocilizumab summary (TOCI-DOSE, TOCI-NEXT).
  const dose = tocilizumabDose(weightKg);
  const next = nextEligibleDose(meds.tociTimes, nowMs, config);
  const dosesTotal = meds.tociTimes.length;
  const dosesLast24h = dosesInLast24h(meds.tociTimes, nowMs);

  const grade2Timers = escalationTimers(GRADE2_RULE, observations.series, nowMs);
  const grade1Timers = escalationTimers(GRADE1_RULE, observations.series, nowMs);
  const timers: Timer[] = [...grade2Timers, ...grade1Timers];
  const redose = tociRedoseTimer(meds.lastToci, dosesTotal, next.dueMs, currentGrade, nowMs);
  if (redose) timers.push(redose);
  if (latest && currentGrade !== 5) {
    const { at, grade, febrile } = latest.observation;
    timers.push(observationDueTimer({ at, atMs: latest.atMs, grade, febrile }, nowMs, config));
    if (crs.episodeStart) timers.push(iceDueTimer(crs.episodeStart, observations.latestIce, nowMs, config));
  }

  const latestMs = latest ? latest.atMs : Number.NEGATIVE_INFINITY;
  const recommendations = recommend({
    currentGrade,
    currentHypotensionAxis: latest ? latest.observation.hypotensionAxis : 0,
    nowMs,
    dose,
    dosesTotal,
    dosesLast24h,
    nextEligibleMs: next.atMs,
    tociDosesBeforeLatest: countBefore(meds.tociTimes, latestMs),
    steroidBeforeLatest: countBefore(meds.steroidTimes, latestMs) > 0,
    firstSteroid: meds.firstSteroid,
    grade2Overdue: openOverdue(grade2Timers),
    grade1Overdue: openOverdue(grade1Timers),
  });

  const alerts = [...observations.alerts];
  // ALERT-UNCODED-DRUG: a name that is no coded drug masks nothing and counts towards nothing: a person looks.
  for (const { medication, at } of course.medications) {
    if (!drugNameForRules(medication.drug, KNOWN_DRUGS).coded) {
      alerts.push({ ...uncodedDrugAlertReason(medication.drug), at, medicationId: medication.id });
    }
  }
  const icans = icansAlert(currentIcans, observations.latestIcans, currentGrade);
  if (icans) alerts.push(icans);
  const steroid = steroidProphylaxisAlert(meds.firstSteroid);
  if (steroid) alerts.push(steroid);
  alerts.sort(byTimeThenRule);

  return {
    observations: observations.graded,
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
    },
    recommendations,
    alerts,
    tasks: deriveTasks({
      observations: observations.graded,
      medications: meds.graded,
      medicationInputs: input.medications ?? [],
      timers,
      pauses: input.pauses ?? [],
      acknowledgements: input.acknowledgements ?? [],
      patientIntervalMinutes: input.patient.obsIntervalMinutes ?? null,
      nowMs,
      settings: config,
    }),
  };
}
