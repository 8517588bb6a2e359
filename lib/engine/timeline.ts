/**
 * evaluateTimeline: the whole graded timeline of one patient from the charted facts and `now`.
 * One pass in time order over the observations, one over the medications; each time string is
 * parsed once. Input is trusted (validate at the edge with parseTimelineInput).
 */
import { icansAlert, steroidProphylaxisAlert } from "./alerts";
import { CrsGrading, FEVER_THRESHOLD_C, gradeCrsInto, maskingReason, type EpisodeContext } from "./crs-grade";
import { GradingMemo } from "./grading-memo";
import { recommend } from "./recommendations";
import { resolveSettings, type EngineSettings } from "./settings";
import { parseInstant, toIsoUtc } from "./time";
import { inTimeOrder, type Timed } from "./time-order";
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
  GradedMedication,
  GradedObservation,
  HypotensionAxisGrade,
  IcansGrade,
  MedicationInput,
  Reason,
  Timer,
  TimelineInput,
  TimelineOutput,
} from "./types";
import { chartingAfter, type ChartedInfusions } from "./vasopressors";
import { ANTI_CYTOKINE_DRUGS, ANTIPYRETIC_DRUGS, CORTICOSTEROIDS } from "./vocabulary";

/** evaluateTimeline was called without `now`: the engine never reads the clock itself. */
export class MissingNowError extends TypeError {
  constructor() {
    super("evaluateTimeline needs input.now (an ISO-8601 time); the caller supplies the current time");
    this.name = "MissingNowError";
  }
}

/** ASTCT-MASK: anti-cytokine/immunosuppressive drugs always; antipyretics only with the setting. */
export function masksFever(drug: string, settings: Pick<EngineSettings, "antipyreticsMaskFever">): boolean {
  return ANTI_CYTOKINE_DRUGS.has(drug) || (settings.antipyreticsMaskFever && ANTIPYRETIC_DRUGS.has(drug));
}

interface MedicationPass {
  graded: GradedMedication[];
  tociTimes: number[];
  lastToci: { at: string; atMs: number } | null;
  masking: EpisodeContext["masking"];
  firstSteroid: { id: string; drug: string; at: string; atMs: number } | null;
  steroidTimes: number[];
}

function gradeMedications(
  medications: readonly Timed<MedicationInput>[],
  onsetMs: number | null,
  weightKg: number | null,
  settings: EngineSettings,
): MedicationPass {
  const pass: MedicationPass = { graded: [], tociTimes: [], lastToci: null, masking: null, firstSteroid: null, steroidTimes: [] };
  for (const { fact: item, atMs } of medications) {
    const at = toIsoUtc(atMs);
    const reasons: Reason[] = [];
    const entry: GradedMedication = {
      id: item.id,
      at,
      drug: item.drug,
      doseMg: item.doseMg,
      route: item.route ?? null,
      flags: [],
      reasons,
    };
    if (item.drug === "tocilizumab") {
      const checked = tocilizumabFlags({ atMs, doseMg: item.doseMg }, pass.tociTimes, weightKg, settings);
      entry.doseNumber = checked.doseNumber;
      entry.flags = checked.flags;
      reasons.push(...checked.reasons);
      pass.tociTimes.push(atMs);
      pass.lastToci = { at, atMs };
    }
    if (masksFever(item.drug, settings)) {
      if (onsetMs === null || atMs < onsetMs) {
        reasons.push({ rule: "ASTCT-MASK", text: "Given before any CRS onset (premedication): does not mask fever (ASTCT-MASK)" });
      } else if (pass.masking === null) {
        pass.masking = { atMs, reason: maskingReason(item.drug, atMs) };
        reasons.push({ rule: "ASTCT-MASK", text: "From this dose on, fever is no longer required to grade CRS (ASTCT-MASK)" });
      }
    } else if (ANTIPYRETIC_DRUGS.has(item.drug)) {
      reasons.push({ rule: "ASTCT-MASK", text: "Antipyretics do not mask fever with the current setting (antipyreticsMaskFever false) (ASTCT-MASK)" });
    }
    if (CORTICOSTEROIDS.has(item.drug)) {
      pass.steroidTimes.push(atMs);
      if (!pass.firstSteroid) pass.firstSteroid = { id: item.id, drug: item.drug, at, atMs };
      reasons.push({ rule: "ALERT-STEROID-PROPHYLAXIS", text: "Corticosteroid: consider antifungal prophylaxis (ALERT-STEROID-PROPHYLAXIS)" });
    }
    pass.graded.push(entry);
  }
  return pass;
}

function countBefore(times: readonly number[], ms: number): number {
  let count = 0;
  while (count < times.length && times[count] < ms) count++;
  return count;
}

function openOverdue(timers: readonly Timer[]): Timer | null {
  const last = timers[timers.length - 1];
  return last && last.status === "overdue" && last.closedAt === null ? last : null;
}

/**
 * Grade every observation, flag every tocilizumab dose, and derive the timers, recommendations and
 * alerts at `input.now`. Throws MissingNowError when `now` is absent.
 * Settings: DEFAULT_SETTINGS < `settings` < the patient's own settings.
 */
export function evaluateTimeline(input: TimelineInput, settings?: Partial<EngineSettings> | null): TimelineOutput {
  if (input.now == null) throw new MissingNowError();
  const nowMs = parseInstant(input.now);
  const config = resolveSettings(settings, input.patient);
  const weightKg = input.patient.weightKg ?? null;
  const observationFacts = input.observations ?? [];
  const medicationFacts = input.medications ?? [];
  const observations = inTimeOrder(observationFacts);
  const medications = inTimeOrder(medicationFacts);

  // ASTCT-ONSET: the episode starts at the first febrile observation.
  let onset: { at: string; atMs: number } | null = null;
  const feverFrom = FEVER_THRESHOLD_C;
  for (const { fact, atMs } of observations) {
    if (fact.temperatureC != null && fact.temperatureC >= feverFrom) {
      onset = { at: toIsoUtc(atMs), atMs };
      break;
    }
  }
  const onsetMs = onset ? onset.atMs : null;
  const meds = gradeMedications(medications, onsetMs, weightKg, config);
  const context: EpisodeContext = { onsetMs, masking: meds.masking };

  const count = observations.length;
  const times = observations.map((timed) => timed.atMs);
  const graded: GradedObservation[] = new Array(count);
  const series: SeriesPoint[] = [];
  const alerts: Alert[] = [];
  let maxGrade: CrsGrade = 0;
  let icansIndex = -1;
  let iceIndex = -1;
  const memo = new GradingMemo();
  const crs = new CrsGrading();
  // The infusions last charted as running (vasopressors.ts): counted at observations that chart none.
  let charted: ChartedInfusions | null = null;

  for (let i = 0; i < count; i++) {
    const { fact: item, atMs } = observations[i];
    const at = toIsoUtc(atMs);
    const carried = item.vasopressors == null ? charted : null;
    gradeCrsInto(crs, item, atMs, context, memo, carried);
    charted = chartingAfter(charted, item, atMs);
    const icans = memo.icans(item);
    const reasons = crs.reasons;
    if (icans.grade !== null) {
      const found = icans.reasons;
      for (let r = 0; r < found.length; r++) reasons.push(found[r]);
      icansIndex = i;
    }
    graded[i] = {
      id: item.id,
      at,
      grade: crs.grade,
      icansGrade: icans.grade,
      febrile: crs.febrile,
      hypotensionAxis: crs.hypotensionAxis,
      oxygenAxis: crs.oxygenAxis,
      reasons,
    };
    series.push({ observation: graded[i], atMs, bloodPressureKnown: crs.bloodPressureKnown });
    if (crs.grade > maxGrade) maxGrade = crs.grade;
    if (item.iceScore != null) iceIndex = i;
    if (crs.noFeverAlert !== null) {
      alerts.push({ rule: "ALERT-NO-FEVER", text: `${crs.noFeverAlert} (ALERT-NO-FEVER)`, at, observationId: item.id });
    }
  }
  const timed = (index: number) => (index < 0 ? null : { ...graded[index], atMs: times[index] });
  const latest = timed(count - 1);
  const currentGrade: CrsGrade = latest ? latest.grade : 0;
  const currentHypotension: HypotensionAxisGrade = latest ? latest.hypotensionAxis : 0;
  const currentIcans: IcansGrade | null = icansIndex < 0 ? null : graded[icansIndex].icansGrade;

  // Tocilizumab summary (TOCI-DOSE, TOCI-NEXT).
  const dose = tocilizumabDose(weightKg);
  const next = nextEligibleDose(meds.tociTimes, nowMs, config);
  const dosesTotal = meds.tociTimes.length;
  const dosesLast24h = dosesInLast24h(meds.tociTimes, nowMs);

  // Timers: both escalation clocks in one pass.
  const grade2Timers = escalationTimers(GRADE2_RULE, series, nowMs);
  const grade1Timers = escalationTimers(GRADE1_RULE, series, nowMs);
  const timers: Timer[] = grade2Timers.concat(grade1Timers);
  const redose = tociRedoseTimer(meds.lastToci, dosesTotal, next.dueMs, currentGrade, nowMs);
  if (redose) timers.push(redose);
  if (latest && currentGrade !== 5) {
    timers.push(observationDueTimer(latest, nowMs, config));
    if (onset) timers.push(iceDueTimer(onset, timed(iceIndex), nowMs, config));
  }

  const latestMs = latest ? latest.atMs : Number.NEGATIVE_INFINITY;
  const recommendations = recommend({
    currentGrade,
    currentHypotensionAxis: currentHypotension,
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

  const icans = icansAlert(currentIcans, timed(icansIndex), currentGrade);
  if (icans) alerts.push(icans);
  const steroid = steroidProphylaxisAlert(meds.firstSteroid);
  if (steroid) alerts.push(steroid);
  alerts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));

  return {
    observations: graded,
    medications: meds.graded,
    currentGrade,
    maxGrade,
    currentIcansGrade: currentIcans,
    episodeStartedAt: onset ? onset.at : null,
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
  };
}
