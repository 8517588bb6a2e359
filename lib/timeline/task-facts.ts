// The stored facts escalation tasks read besides the charted ones (CLINICAL-RULES.md sections 8-9):
// acknowledgements (append-only rows) and observation pauses (the current version of each pause),
// for one or more patients in two queries. The engine derives the tasks from these and `now`.
import type { AcknowledgementInput, PauseInput, TaskRole } from "@/lib/engine";
import type { Tx } from "@/lib/db";
import { currentVersions } from "@/lib/timeline/facts";
import { isIdList, rowsOf, type PatientSet } from "@/lib/facts/patient-set";

export type TaskFactReader = Pick<Tx, "acknowledgement" | "observationPause">;

export const acknowledgementColumns = {
  id: true,
  patientId: true,
  taskId: true,
  taskKind: true,
  at: true,
  byId: true,
  byName: true,
  role: true,
  outcome: true,
  note: true,
  correctsId: true,
  changeReason: true,
} as const;

export interface AcknowledgementRow {
  id: string;
  patientId: string;
  taskId: string;
  taskKind: string;
  at: Date;
  byId: string;
  byName: string;
  role: string;
  outcome: string;
  note: string | null;
  correctsId: string | null;
  changeReason: string | null;
}

export const pauseColumns = {
  id: true,
  lineageId: true,
  version: true,
  supersedesId: true,
  patientId: true,
  fromAt: true,
  untilAt: true,
  reason: true,
  changeReason: true,
  recordedAt: true,
  recordedById: true,
} as const;

export interface PauseVersion {
  id: string;
  lineageId: string;
  version: number;
  supersedesId: string | null;
  patientId: string;
  fromAt: Date;
  untilAt: Date | null;
  reason: string;
  changeReason: string | null;
  recordedAt: Date;
  recordedById: string;
}

export interface TaskFacts {
  /** Every acknowledgement, oldest first (corrections included: they are answers too). */
  acknowledgements: AcknowledgementRow[];
  /** The current version of each pause, by start. */
  pauses: PauseVersion[];
}

/**
 * `recordedBy`: only what had been recorded by that instant (a replay, CLINICAL-RULES ASOF): an
 * acknowledgement is recorded when it is given, a pause version when it is charted, so a resume
 * charted later leaves the pause as it stood then.
 */
export async function loadTaskFacts(
  client: TaskFactReader,
  patients: PatientSet,
  options: { recordedBy?: Date } = {},
): Promise<Map<string, TaskFacts>> {
  const byPatient = new Map<string, TaskFacts>();
  const factsOf = (id: string) => {
    const facts = byPatient.get(id) ?? { acknowledgements: [], pauses: [] };
    byPatient.set(id, facts);
    return facts;
  };
  if (isIdList(patients)) {
    for (const id of patients) factsOf(id);
    if (patients.length === 0) return byPatient;
  }
  const where = rowsOf(patients);
  const [acks, pauses] = await Promise.all([
    client.acknowledgement.findMany({
      where: { ...where, ...(options.recordedBy ? { at: { lte: options.recordedBy } } : {}) },
      select: acknowledgementColumns,
      orderBy: [{ at: "asc" }, { id: "asc" }],
    }),
    client.observationPause.findMany({
      where: { ...where, ...(options.recordedBy ? { recordedAt: { lte: options.recordedBy } } : {}) },
      select: pauseColumns,
      orderBy: [{ fromAt: "asc" }, { id: "asc" }],
    }),
  ]);
  for (const row of acks) factsOf(row.patientId).acknowledgements.push(row);
  const versions = new Map<string, PauseVersion[]>();
  for (const row of pauses) versions.set(row.patientId, [...(versions.get(row.patientId) ?? []), row]);
  for (const [id, rows] of versions) factsOf(id).pauses = currentVersions(rows).map((lineage) => lineage.current);
  return byPatient;
}

export async function loadPatientTaskFacts(client: TaskFactReader, patientId: string): Promise<TaskFacts> {
  return (await loadTaskFacts(client, [patientId])).get(patientId) ?? { acknowledgements: [], pauses: [] };
}

/** The engine's `pauses` and `acknowledgements`: a pause is named by its lineage, so resuming it keeps its task ids. */
export function taskFactsForEngine(facts: TaskFacts): { pauses: PauseInput[]; acknowledgements: AcknowledgementInput[] } {
  return {
    pauses: facts.pauses.map((pause) => ({
      id: pause.lineageId,
      from: pause.fromAt.toISOString(),
      until: pause.untilAt ? pause.untilAt.toISOString() : null,
      reason: pause.reason,
    })),
    acknowledgements: facts.acknowledgements.map((ack) => ({
      id: ack.id,
      taskId: ack.taskId,
      at: ack.at.toISOString(),
      by: ack.byName,
      role: ack.role as TaskRole,
      outcome: ack.note ? `${ack.outcome}: ${ack.note}` : ack.outcome,
    })),
  };
}
