import Link from "next/link";
import { notFound } from "next/navigation";
import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { toWardInputValue } from "@/lib/format/ward-input";
import { formatWardDateTime } from "@/lib/format/time";
import { formatMrn } from "@/lib/format/patient";
import { displayText } from "@/lib/format/display-text";
import { WeightForm } from "./weight-form";
import { WeightInErrorForm } from "./weight-in-error-form";
import { recordRecordViewed } from "@/lib/audit/access";

export const dynamic = "force-dynamic";

/** Charting a weight, with the weights charted so far (TOCI-WEIGHT); `?correct=<version>` corrects one of them. */
export default async function WeightPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ correct?: string; corrected?: string; inError?: string }>;
}) {
  const user = await requirePageAccess("observation:chart");
  const { id } = await params;
  const { correct, corrected, inError } = await searchParams;
  const now = new Date();
  // Reading the record is an audited access event (lib/audit/access.ts), written alongside the read.
  const [timeline] = await Promise.all([loadPatientTimeline(id, now), recordRecordViewed(actorOf(user), id, "weights")]);
  if (!timeline) notFound();
  const { patient } = timeline;
  const tz = patient.ward.timeZone;
  // The admission weight is corrected on the patient's record; charted weights here, each a new version.
  const correcting = timeline.weights.find((weight) => weight.id !== null && weight.id === correct);
  const justCorrected = timeline.weights.find((weight) => weight.id !== null && weight.id === corrected);
  const describeWeight = (weight: { kg: number; at: Date }) =>
    `${weight.kg} kg, measured ${formatWardDateTime(weight.at.toISOString(), tz)}`;
  return (
    <>
      <div className="page-head">
        <h1>Record a weight: {displayText(patient.name)}</h1>
        <p className="muted">
          {formatMrn(patient.mrn)} · Bed {displayText(patient.bed)}
        </p>
      </div>
      {justCorrected && (
        <p role="status" className="notice ok">
          Weight corrected: {describeWeight(justCorrected)}. Doses from its measurement time on are checked against it.
        </p>
      )}
      {inError && (
        <p role="status" className="notice ok">
          The weight was marked entered in error: it no longer applies to any dose, and stays in the record history.
        </p>
      )}
      <section aria-labelledby="weights-title">
        <h2 id="weights-title">Weights so far</h2>
        <ul>
          {timeline.weights.map((weight) => (
            <li key={weight.id ?? "admission"}>
              {describeWeight(weight)}
              {weight.id === null ? (
                " (on admission)"
              ) : (
                <>
                  {" "}
                  <Link href={`/patients/${patient.id}/weight?correct=${weight.id}`}>Correct</Link>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
      {correcting ? (
        <section aria-labelledby="correct-title">
          <h2 id="correct-title">Correct the weight {describeWeight(correcting)}</h2>
          <WeightForm
            key={correcting.id}
            patientId={patient.id}
            timeZone={tz}
            nowLocal={toWardInputValue(now, tz)}
            correcting={{ versionId: correcting.id!, kg: correcting.kg, atLocal: toWardInputValue(correcting.at, tz) }}
          />
          <WeightInErrorForm
            patientId={patient.id}
            versionId={correcting.id!}
            what={`the weight ${describeWeight(correcting)}`}
          />
        </section>
      ) : (
        <WeightForm patientId={patient.id} timeZone={tz} nowLocal={toWardInputValue(now, tz)} />
      )}
    </>
  );
}
