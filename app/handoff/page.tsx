import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { recordReportViewed } from "@/lib/audit/access";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { loadSignOffs } from "@/lib/handoff/sign-offs";
import { listPatients } from "@/lib/ward/patient-summary";
import { loadPatientTimeline, type PatientTimeline } from "@/lib/timeline/load-timeline";
import { HandoffSheet } from "@/app/_components/handoff-sheet";
import { PrintButton } from "@/app/_components/print-button";
import { temperatureUnitOf } from "@/lib/users/temperature-unit";

export const dynamic = "force-dynamic";

const DAY_MS = 24 * 3_600_000;

/** Every active patient's handoff sheet, one printed page each, in bed order. */
export default async function WardHandoffPage() {
  const user = await requirePageAccess("clinical:view");
  const temperatureUnit = await temperatureUnitOf(user);
  const now = new Date();
  // The whole ward's handoff is one audited access event (lib/audit/access.ts), written alongside the read.
  const [patients] = await Promise.all([listPatients(), recordReportViewed(actorOf(user), "ward_handoff")]);
  const timelines = (await Promise.all(patients.map((p) => loadPatientTimeline(p.id, now)))).filter(
    (t): t is PatientTimeline => t !== null,
  );
  const signOffs = await loadSignOffs(
    timelines.map((t) => t.patient.id),
    new Date(now.getTime() - DAY_MS),
    now,
  );
  const reader = {
    displayName: user.displayName,
    roleLabel: ROLE_LABELS[user.role],
    canSignOff: can(user.role, "handoff:sign-off"),
  };
  return (
    <>
      <div className="page-head no-print">
        <h1>ICU handoff: the whole ward</h1>
        <PrintButton label="Print all handoff sheets" />
      </div>
      <p className="muted no-print">{timelines.length} active patients; each sheet prints on its own page.</p>
      {timelines.map((t) => (
        <HandoffSheet
          key={t.patient.id}
          timeline={t}
          now={now.getTime()}
          reader={reader}
          signOffs={signOffs.get(t.patient.id) ?? []}
          temperatureUnit={temperatureUnit}
        />
      ))}
    </>
  );
}
