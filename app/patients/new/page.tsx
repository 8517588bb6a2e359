import { requirePageAccess } from "@/lib/auth/guard";
import { toWardInputValue } from "@/lib/format/ward-input";
import { PatientForm } from "../_components/patient-form";
import { wardOptions } from "../_components/ward-options";

export const dynamic = "force-dynamic";

export default async function AdmitPatientPage() {
  await requirePageAccess("patient:manage");
  const wards = await wardOptions();
  const ward = wards[0];
  const now = toWardInputValue(new Date(), ward?.timeZone ?? "UTC");
  return (
    <>
      <h1>Admit a patient</h1>
      <PatientForm
        wards={wards}
        initial={{
          mrn: "",
          name: "",
          birthDate: "",
          sex: "",
          weightKg: "",
          weightMeasuredAtLocal: now,
          wardId: wards.length === 1 && ward ? ward.id : "",
          bed: "",
          product: "",
          therapy: "",
          infusionAtLocal: "",
          antipyreticsMaskFever: true,
          tociMinIntervalHours: "8",
          spo2Scale: "1",
          reason: "",
        }}
      />
    </>
  );
}
