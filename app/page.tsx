import Link from "next/link";
import { requirePageAccess } from "@/lib/auth/guard";
import { listPatients } from "@/lib/ward/patient-summary";

export const dynamic = "force-dynamic";

export default async function WardPage() {
  await requirePageAccess("clinical:view");
  const patients = await listPatients();
  return (
    <>
      <h1>Ward board</h1>
      <table>
        <caption className="muted" style={{ textAlign: "left", padding: ".25rem 0" }}>{patients.length} active patients</caption>
        <thead>
          <tr><th scope="col">Bed</th><th scope="col">Patient</th><th scope="col">MRN</th><th scope="col">Product</th><th scope="col">Infusion (day 0)</th></tr>
        </thead>
        <tbody>
          {patients.map((p) => (
            <tr key={p.id}>
              <td>{p.bed}</td>
              <td><Link href={`/patients/${p.id}`}>{p.name}</Link></td>
              <td>{p.mrn}</td>
              <td>{p.product}</td>
              <td>{p.infusionAt}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
