import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageAccess } from "@/lib/auth/guard";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { HandoffSheet } from "@/app/_components/handoff-sheet";
import { PrintButton } from "@/app/_components/print-button";
import { temperatureUnitOf } from "@/lib/users/temperature-unit";

export const dynamic = "force-dynamic";

export default async function PatientHandoffPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageAccess("clinical:view");
  const temperatureUnit = await temperatureUnitOf(user);
  const { id } = await params;
  const now = new Date();
  const timeline = await loadPatientTimeline(id, now);
  if (!timeline) notFound();
  return (
    <>
      <div className="actions no-print" style={{ marginBottom: "1rem" }}>
        <PrintButton label="Print this handoff sheet" />
        <Link href={`/patients/${id}`}>Back to the timeline</Link>
      </div>
      <HandoffSheet timeline={timeline} now={now.getTime()} headingLevel={1} temperatureUnit={temperatureUnit} />
    </>
  );
}
