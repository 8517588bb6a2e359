import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageAccess } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { displayText } from "@/lib/format/display-text";
import { formatMrn } from "@/lib/format/patient";
import { ImportForm } from "./import-form";

export const dynamic = "force-dynamic";

/** Upload a FHIR R4 Bundle or a timeline exchange file for this patient: preview, confirm limits, import. */
export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageAccess("observation:chart");
  const { id } = await params;
  const patient = await db.patient.findUnique({
    where: { id },
    select: { id: true, name: true, mrn: true, bed: true, wardId: true },
  });
  if (!patient) notFound();
  return (
    <>
      <div className="page-head">
        <h1>Import into the chart: {displayText(patient.name)}</h1>
        <p className="muted">
          {formatMrn(patient.mrn)} · Bed {displayText(patient.bed)}
        </p>
      </div>
      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">Export</h2>
        <p>
          <a href={`/api/patients/${patient.id}/fhir`} download>
            This patient as FHIR R4 (JSON)
          </a>{" "}
          ·{" "}
          <a href={`/api/wards/${patient.wardId}/fhir`} download>
            The ward as FHIR R4 (JSON)
          </a>{" "}
          ·{" "}
          <a href={`/api/patients/${patient.id}/exchange-file`} download>
            Timeline exchange file (the engine&apos;s JSON)
          </a>
        </p>
        <p className="muted small">Every export is recorded in the audit log.</p>
      </section>
      <ImportForm patientId={patient.id} />
      <p>
        <Link href={`/patients/${patient.id}`}>Back to the timeline</Link>
      </p>
    </>
  );
}
