import Link from "next/link";
import { notFound } from "next/navigation";
import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { emptyObservationForm, formFromStored } from "@/lib/format/observation-form";
import { formatWardDateTime } from "@/lib/format/time";
import { ObservationForm } from "./observation-form";
import { MissedSetForm } from "./missed-set-form";
import { formatMrn } from "@/lib/format/patient";
import { displayText } from "@/lib/format/display-text";
import { temperatureUnitOf } from "@/lib/users/temperature-unit";
import { recordRecordViewed } from "@/lib/audit/access";

export const dynamic = "force-dynamic";

export default async function ChartPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ amend?: string }>;
}) {
  const user = await requirePageAccess("observation:chart");
  const temperatureUnit = await temperatureUnitOf(user);
  const { id } = await params;
  const { amend } = await searchParams;
  const now = new Date();
  // Reading the record is an audited access event (lib/audit/access.ts), written alongside the read.
  const [timeline] = await Promise.all([loadPatientTimeline(id, now), recordRecordViewed(actorOf(user), id, "chart_form")]);
  if (!timeline) notFound();
  const { patient } = timeline;
  const timeZone = patient.ward.timeZone;
  const amended = amend ? timeline.observations.find((o) => o.id === amend) : undefined;

  return (
    <>
      <div className="page-head">
        <h1>
          {amend ? "Amend an observation" : "Chart observations"}: {displayText(patient.name)}
        </h1>
        <p className="muted">
          {formatMrn(patient.mrn)} · Bed {displayText(patient.bed)} · {displayText(patient.ward.name)}
        </p>
      </div>
      {patient.status !== "active" && (
        <p className="notice warn">This patient was discharged: only observations from before the discharge can be charted.</p>
      )}
      {amend && !amended ? (
        <div className="notice bad" role="alert">
          <p>
            This observation version is no longer the current one (it was amended or marked entered in error since), so it cannot
            be amended from here.
          </p>
          <p>
            <Link href={`/patients/${patient.id}`}>Open the timeline to see its current version</Link>
          </p>
        </div>
      ) : (
        <>
          {amended && (
            <p className="notice">
              Correcting the observation of {formatWardDateTime(amended.effectiveAt, timeZone)} (version {amended.version},
              charted by {displayText(amended.recordedBy.displayName)}). The earlier version stays in the history.
            </p>
          )}
          {!amended && <MissedSetForm patientId={patient.id} timeZone={timeZone} />}
          <ObservationForm
            patientId={patient.id}
            timeZone={timeZone}
            amendVersionId={amended?.id}
            vasopressorsRunning={timeline.vasopressorsRunning}
            temperatureUnit={temperatureUnit}
            initial={
              amended
                ? formFromStored(amended, timeZone, temperatureUnit)
                : emptyObservationForm(now.getTime(), timeZone, temperatureUnit)
            }
          />
        </>
      )}
    </>
  );
}
