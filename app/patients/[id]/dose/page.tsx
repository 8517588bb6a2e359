import Link from "next/link";
import { notFound } from "next/navigation";
import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { doseCalculation } from "@/lib/doses/dose-limits";
import { DRUGS } from "@/lib/engine/vocabulary";
import { OTHER_DRUG } from "@/lib/doses/dose-input";
import { toWardInputValue } from "@/lib/format/ward-input";
import { formatDuration, formatWardDateTime } from "@/lib/format/time";
import { tocilizumabLine } from "@/app/_components/tocilizumab-summary";
import { DoseForm } from "./dose-form";
import { formatMrn } from "@/lib/format/patient";
import { displayText } from "@/lib/format/display-text";
import { recordRecordViewed } from "@/lib/audit/access";

export const dynamic = "force-dynamic";

export default async function DosePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ amend?: string }>;
}) {
  const user = await requirePageAccess("dose:record");
  const { id } = await params;
  const { amend } = await searchParams;
  const now = new Date();
  // Reading the record is an audited access event (lib/audit/access.ts), written alongside the read.
  const [timeline] = await Promise.all([loadPatientTimeline(id, now), recordRecordViewed(actorOf(user), id, "dosing")]);
  if (!timeline) notFound();
  const { patient, graded } = timeline;
  const tz = patient.ward.timeZone;
  const amended = amend ? timeline.doses.find((d) => d.id === amend) : undefined;
  const known = (DRUGS as readonly string[]).includes(amended?.drug ?? "");
  const toci = graded.tocilizumab;
  // TOCI-WEIGHT / ALERT-WEIGHT-STALE: the weight a dose given now is measured against, and its age.
  const weightNotice =
    toci.weightKg === null ? (
      <p className="notice bad">No weight charted: no weight-based dose can be calculated.</p>
    ) : (
      <div className={toci.weightStale ? "notice bad" : "notice"} role={toci.weightStale ? "alert" : undefined}>
        <p>
          Weight used: <strong>{toci.weightKg} kg</strong>
          {toci.weightMeasuredAt &&
            `, measured ${formatWardDateTime(toci.weightMeasuredAt, tz)} (${formatDuration(now.getTime() - Date.parse(toci.weightMeasuredAt))} ago)`}
        </p>
        {toci.weightStale && (
          <p>
            <strong>This weight is more than 7 days old: re-weigh before dosing (ALERT-WEIGHT-STALE).</strong>{" "}
            <Link href={`/patients/${patient.id}/weight`}>Record a weight</Link>
          </p>
        )}
      </div>
    );

  return (
    <>
      <div className="page-head">
        <h1>
          {amend ? "Amend a dose" : "Record a dose"}: {displayText(patient.name)}
        </h1>
        <p className="muted">
          {formatMrn(patient.mrn)} · Bed {displayText(patient.bed)}
        </p>
      </div>
      <p className="notice">Tocilizumab so far: {tocilizumabLine(graded.tocilizumab, tz, now.getTime())}</p>
      {amend && !amended ? (
        <div className="notice bad" role="alert">
          <p>This dose version is no longer the current one (it was amended or marked entered in error since).</p>
          <p>
            <Link href={`/patients/${patient.id}`}>Open the timeline to see its current version</Link>
          </p>
        </div>
      ) : (
        <>
          {amended && (
            <p className="notice">
              Correcting the dose of {formatWardDateTime(amended.effectiveAt, tz)} (version {amended.version}). The earlier
              version stays in the history.
            </p>
          )}
          <DoseForm
            patientId={patient.id}
            timeZone={tz}
            recommendedDoseMg={graded.tocilizumab.recommendedDoseMg}
            calculation={toci.weightKg === null ? null : doseCalculation(toci.weightKg)}
            weightNotice={weightNotice}
            isPhysician={can(user.role, "dose:confirm-override")}
            amendVersionId={amended?.id}
            initial={
              amended
                ? {
                    drug: known ? amended.drug : OTHER_DRUG,
                    otherDrugName: known ? "" : amended.drug,
                    doseMg: String(amended.doseMg),
                    route: amended.route,
                    effectiveAtLocal: toWardInputValue(amended.effectiveAt, tz),
                    repeatedHour: "",
                    reason: "",
                  }
                : {
                    drug: "",
                    otherDrugName: "",
                    doseMg: "",
                    route: "",
                    effectiveAtLocal: toWardInputValue(now, tz),
                    repeatedHour: "",
                    reason: "",
                  }
            }
          />
        </>
      )}
    </>
  );
}
