// FHIR R4 export: one patient's record, or a ward's (its active patients), as a Bundle of type
// "collection" (JSON). A read: `clinical:view`, audited as an export before the Bundle is handed over.
import type { Bundle, BundleEntry } from "@medplum/fhirtypes";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { evaluateTimeline } from "@/lib/engine";
import { exportDenied, recordExport } from "@/lib/exchange-file/record-export";
import { CRS_WATCH_CODE_SYSTEM } from "@/lib/fhir/codes";
import { fullUrlOf, patientEntries } from "@/lib/fhir/patient-resources";
import { gradingPatientColumns } from "@/lib/facts/grading-patient";
import { engineInput } from "@/lib/timeline/engine-input";
import { currentVersions, loadFactVersions, userNames } from "@/lib/timeline/facts";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";

export interface FhirExport {
  filename: string;
  bundle: Bundle;
}

const exportPatientColumns = { ...gradingPatientColumns, mrn: true, name: true, birthDate: true, sex: true } as const;

/** The Bundle of these patients' records at `now` (grades as the engine gives them at `now`). */
export async function bundleOfPatients(patientIds: readonly string[], now: Date): Promise<Bundle> {
  const patients = await db.patient.findMany({
    where: { id: { in: [...patientIds] } },
    select: exportPatientColumns,
    orderBy: { mrn: "asc" },
  });
  const facts = await loadFactVersions(
    db,
    patients.map((patient) => patient.id),
  );
  const all = [...facts.values()];
  const names = await userNames(db, [
    ...all.flatMap((versions) => versions.observations.map((row) => row.recordedById)),
    ...all.flatMap((versions) => versions.doses.flatMap((row) => [row.recordedById, row.overrideConfirmedById])),
  ]);
  const entries: BundleEntry[] = [{ fullUrl: fullUrlOf("CodeSystem", "crs-watch"), resource: CRS_WATCH_CODE_SYSTEM }];
  for (const patient of patients) {
    const versions = facts.get(patient.id)!;
    const input = engineInput(
      patient,
      currentVersions(versions.observations).map((lineage) => lineage.current),
      currentVersions(versions.doses).map((lineage) => lineage.current),
      now,
    );
    entries.push(
      ...patientEntries({
        patient,
        observations: versions.observations,
        doses: versions.doses,
        names,
        engineObservations: input.observations,
        spo2Scale: input.patient.spo2Scale ?? 1,
        graded: evaluateTimeline(input),
      }),
    );
  }
  return { resourceType: "Bundle", type: "collection", timestamp: now.toISOString(), entry: entries };
}

const stampOf = (now: Date) => now.toISOString().slice(0, 16).replace(/[-:]/g, "");

export async function exportPatientBundle(
  user: CurrentUser | null,
  patientId: string,
  now: Date,
): Promise<WriteResult<FhirExport>> {
  const denied = await exportDenied(user, `GET /api/patients/${patientId.slice(0, 100)}/fhir`);
  if (denied) return denied;
  const patient = await db.patient.findUnique({ where: { id: patientId }, select: { id: true, mrn: true } });
  if (!patient) return failed("not_found", "No such patient: the link may be out of date.");
  const bundle = await bundleOfPatients([patient.id], now);
  await recordExport(user!, {
    format: "fhir",
    scope: "patient",
    targetId: patient.id,
    patients: 1,
    resources: bundle.entry?.length ?? 0,
  });
  return succeeded({ filename: `fhir-${patient.mrn}-${stampOf(now)}.json`, bundle });
}

export async function exportWardBundle(user: CurrentUser | null, wardId: string, now: Date): Promise<WriteResult<FhirExport>> {
  const denied = await exportDenied(user, `GET /api/wards/${wardId.slice(0, 100)}/fhir`);
  if (denied) return denied;
  const ward = await db.ward.findUnique({
    where: { id: wardId },
    select: { id: true, patients: { where: { status: "active" }, select: { id: true } } },
  });
  if (!ward) return failed("not_found", "No such ward: the link may be out of date.");
  const bundle = await bundleOfPatients(
    ward.patients.map((patient) => patient.id),
    now,
  );
  await recordExport(user!, {
    format: "fhir",
    scope: "ward",
    targetId: ward.id,
    patients: ward.patients.length,
    resources: bundle.entry?.length ?? 0,
  });
  return succeeded({ filename: `fhir-ward-${ward.id}-${stampOf(now)}.json`, bundle });
}
