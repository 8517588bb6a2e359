import { notFound } from "next/navigation";
import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { toWardInputValue } from "@/lib/format/ward-input";
import { PatientForm } from "../../_components/patient-form";
import { wardOptions } from "../../_components/ward-options";
import { DischargeForm } from "./discharge-form";
import { RecordHistory } from "../_components/record-history";
import { displayText } from "@/lib/format/display-text";
import { recordRecordViewed } from "@/lib/audit/access";

export const dynamic = "force-dynamic";

export default async function EditPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageAccess("patient:manage");
  const { id } = await params;
  const [timeline, wards] = await Promise.all([
    loadPatientTimeline(id, new Date()),
    wardOptions(),
    // Reading the record is an audited access event (lib/audit/access.ts), written alongside the reads.
    recordRecordViewed(actorOf(user), id, "record_edit"),
  ]);
  if (!timeline) notFound();
  const { patient } = timeline;
  const tz = patient.ward.timeZone;
  if (patient.status !== "active") {
    return (
      <>
        <h1>Edit patient: {displayText(patient.name)}</h1>
        <p className="notice">This patient was discharged: the record is archived and can no longer be edited.</p>
        <RecordHistory patientId={patient.id} timeZone={tz} open />
      </>
    );
  }
  return (
    <>
      <h1>Edit patient: {displayText(patient.name)}</h1>
      <PatientForm
        wards={wards}
        edit={{ patientId: patient.id, version: patient.version }}
        initial={{
          mrn: patient.mrn,
          name: patient.name,
          birthDate: patient.birthDate,
          sex: patient.sex,
          weightKg: String(patient.weightKg),
          weightMeasuredAtLocal: toWardInputValue(patient.weightMeasuredAt, tz),
          wardId: patient.ward.id,
          bed: patient.bed,
          product: patient.product,
          therapy: patient.therapy,
          infusionAtLocal: toWardInputValue(patient.infusionAt, tz),
          antipyreticsMaskFever: patient.antipyreticsMaskFever,
          tociMinIntervalHours: String(patient.tociMinIntervalHours),
          spo2Scale: String(patient.spo2Scale),
          reason: "",
        }}
      />
      <DischargeForm patientId={patient.id} version={patient.version} name={displayText(patient.name)} />
      <RecordHistory patientId={patient.id} timeZone={tz} open />
    </>
  );
}
