import Link from "next/link";
import { notFound } from "next/navigation";
import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { recordRecordViewed } from "@/lib/audit/access";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { loadSignOffs } from "@/lib/handoff/sign-offs";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { HandoffSheet } from "@/app/_components/handoff-sheet";
import { PrintButton } from "@/app/_components/print-button";
import { temperatureUnitOf } from "@/lib/users/temperature-unit";

export const dynamic = "force-dynamic";

const DAY_MS = 24 * 3_600_000;

export default async function PatientHandoffPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageAccess("clinical:view");
  const temperatureUnit = await temperatureUnitOf(user);
  const { id } = await params;
  const now = new Date();
  // Reading the handoff is an audited access event (lib/audit/access.ts), written alongside the read.
  const [timeline] = await Promise.all([loadPatientTimeline(id, now), recordRecordViewed(actorOf(user), id, "handoff")]);
  if (!timeline) notFound();
  const signOffs = await loadSignOffs([timeline.patient.id], new Date(now.getTime() - DAY_MS), now);
  const reader = {
    displayName: user.displayName,
    roleLabel: ROLE_LABELS[user.role],
    canSignOff: can(user.role, "handoff:sign-off"),
  };
  return (
    <>
      <div className="actions no-print" style={{ marginBottom: "1rem" }}>
        <PrintButton label="Print this handoff sheet" />
        <Link href={`/patients/${id}`}>Back to the timeline</Link>
      </div>
      <HandoffSheet
        timeline={timeline}
        now={now.getTime()}
        reader={reader}
        signOffs={signOffs.get(timeline.patient.id) ?? []}
        headingLevel={1}
        temperatureUnit={temperatureUnit}
      />
    </>
  );
}
