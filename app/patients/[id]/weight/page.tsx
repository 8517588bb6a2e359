import { notFound } from "next/navigation";
import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { toWardInputValue } from "@/lib/format/ward-input";
import { formatWardDateTime } from "@/lib/format/time";
import { formatMrn } from "@/lib/format/patient";
import { displayText } from "@/lib/format/display-text";
import { WeightForm } from "./weight-form";
import { recordRecordViewed } from "@/lib/audit/access";

export const dynamic = "force-dynamic";

/** Charting a weight, with the weights charted so far (TOCI-WEIGHT). */
export default async function WeightPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageAccess("observation:chart");
  const { id } = await params;
  const now = new Date();
  // Reading the record is an audited access event (lib/audit/access.ts), written alongside the read.
  const [timeline] = await Promise.all([loadPatientTimeline(id, now), recordRecordViewed(actorOf(user), id, "weights")]);
  if (!timeline) notFound();
  const { patient } = timeline;
  const tz = patient.ward.timeZone;
  return (
    <>
      <div className="page-head">
        <h1>Record a weight: {displayText(patient.name)}</h1>
        <p className="muted">
          {formatMrn(patient.mrn)} · Bed {displayText(patient.bed)}
        </p>
      </div>
      <section aria-labelledby="weights-title">
        <h2 id="weights-title">Weights so far</h2>
        <ul>
          {timeline.weights.map((weight) => (
            <li key={weight.id ?? "admission"}>
              {weight.kg} kg, measured {formatWardDateTime(weight.at.toISOString(), tz)}
              {weight.id === null ? " (on admission)" : ""}
            </li>
          ))}
        </ul>
      </section>
      <WeightForm patientId={patient.id} timeZone={tz} nowLocal={toWardInputValue(now, tz)} />
    </>
  );
}
