import { requirePageAccess } from "@/lib/auth/guard";
import { listPatients } from "@/lib/ward/patient-summary";
import { loadPatientTimeline, type PatientTimeline } from "@/lib/timeline/load-timeline";
import { HandoffSheet } from "@/app/_components/handoff-sheet";
import { PrintButton } from "@/app/_components/print-button";
import { temperatureUnitOf } from "@/lib/users/temperature-unit";

export const dynamic = "force-dynamic";

/** Every active patient's handoff sheet, one printed page each, in bed order. */
export default async function WardHandoffPage() {
  const user = await requirePageAccess("clinical:view");
  const temperatureUnit = await temperatureUnitOf(user);
  const now = new Date();
  const patients = await listPatients();
  const timelines = (await Promise.all(patients.map((p) => loadPatientTimeline(p.id, now)))).filter(
    (t): t is PatientTimeline => t !== null,
  );
  return (
    <>
      <div className="page-head no-print">
        <h1>ICU handoff: the whole ward</h1>
        <PrintButton label="Print all handoff sheets" />
      </div>
      <p className="muted no-print">{timelines.length} active patients; each sheet prints on its own page.</p>
      {timelines.map((t) => (
        <HandoffSheet key={t.patient.id} timeline={t} now={now.getTime()} temperatureUnit={temperatureUnit} />
      ))}
    </>
  );
}
