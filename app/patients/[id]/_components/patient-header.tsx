import Link from "next/link";
import type { TimelineOutput } from "@/lib/engine";
import { can, type Role } from "@/lib/auth/permissions";
import type { TimelinePatient } from "@/lib/timeline/load-timeline";
import { GradePill } from "@/app/_components/grade-pill";
import { News2Pill } from "@/app/_components/news2-pill";
import { formatDayAfterInfusion, formatWardDateTime } from "@/lib/format/time";
import { formatMrn } from "@/lib/format/patient";
import { displayText } from "@/lib/format/display-text";

const THERAPY: Record<string, string> = { car_t: "CAR-T", bispecific: "Bispecific antibody" };

/** Who the patient is, where, which day, their grades now, and what the signed-in user can do next. */
export function PatientHeader({
  patient,
  graded,
  now,
  role,
}: {
  patient: TimelinePatient;
  graded: TimelineOutput;
  now: number;
  role: Role;
}) {
  const timeZone = patient.ward.timeZone;
  return (
    <header className="card patient-header">
      <div className="page-head">
        <h1>{displayText(patient.name)}</h1>
        <p className="pill-row" aria-label="Current grades">
          CRS <GradePill grade={graded.currentGrade} /> max <GradePill grade={graded.maxGrade} /> ICANS{" "}
          <GradePill grade={graded.currentIcansGrade} kind="ICANS" /> <News2Pill news2={graded.currentNews2} />
        </p>
      </div>
      <p>
        {formatMrn(patient.mrn)} · Bed {displayText(patient.bed)} · {displayText(patient.ward.name)} ·{" "}
        <strong>{formatDayAfterInfusion(patient.infusionAt, now, timeZone)}</strong> (infused{" "}
        {formatWardDateTime(patient.infusionAt, timeZone)}) · {displayText(patient.product)} (
        {THERAPY[patient.therapy] ?? patient.therapy}) · {graded.tocilizumab.weightKg ?? patient.weightKg} kg (measured{" "}
        {formatWardDateTime(graded.tocilizumab.weightMeasuredAt ?? patient.weightMeasuredAt, timeZone)})
        {patient.status !== "active" && (
          <>
            {" "}
            · <strong>Discharged{patient.dischargedAt ? ` ${formatWardDateTime(patient.dischargedAt, timeZone)}` : ""}</strong>
          </>
        )}
      </p>
      <nav className="actions no-print" aria-label="Patient actions">
        {can(role, "observation:chart") && (
          <Link className="button" href={`/patients/${patient.id}/chart`}>
            Chart observations
          </Link>
        )}
        {can(role, "dose:record") && (
          <Link className="button" href={`/patients/${patient.id}/dose`}>
            Record a dose
          </Link>
        )}
        {can(role, "observation:chart") && (
          <Link className="button secondary" href={`/patients/${patient.id}/weight`}>
            Record weight
          </Link>
        )}
        <Link className="button secondary" href={`/patients/${patient.id}/handoff`}>
          ICU handoff sheet
        </Link>
        {can(role, "patient:manage") && (
          <Link className="button secondary" href={`/patients/${patient.id}/edit`}>
            Edit patient
          </Link>
        )}
        <Link className="button secondary" href={`/patients/${patient.id}/replay`}>
          Replay a past moment
        </Link>
        {can(role, "observation:chart") ? (
          <Link className="button secondary" href={`/patients/${patient.id}/import`}>
            Import / export
          </Link>
        ) : (
          <a className="button secondary" href={`/api/patients/${patient.id}/fhir`} download>
            Export (FHIR R4)
          </a>
        )}
      </nav>
    </header>
  );
}
