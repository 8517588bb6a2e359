// A patient's timeline as the engine's exchange file (docs/EXCHANGE-FORMAT.md): exactly the input
// the app grades (current versions, nothing entered in error) with the `now` of the export, so
// `npm run engine -- FILE` prints the grades, flags and timers the patient's page showed.
import type { CurrentUser } from "@/lib/auth/authorize";
import { exportDenied, recordExport } from "@/lib/exchange-file/record-export";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";

export interface TimelineFile {
  filename: string;
  json: string;
}

export async function exportTimelineFile(
  user: CurrentUser | null,
  patientId: string,
  now: Date,
): Promise<WriteResult<TimelineFile>> {
  const denied = await exportDenied(user, `GET /api/patients/${patientId.slice(0, 100)}/exchange-file`);
  if (denied) return denied;
  const timeline = await loadPatientTimeline(patientId, now);
  if (!timeline) return failed("not_found", "No such patient: the link may be out of date.");
  const input = timeline.engineInput;
  await recordExport(user!, {
    format: "timeline",
    scope: "patient",
    targetId: patientId,
    patients: 1,
    resources: input.observations.length + input.medications.length,
  });
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "");
  return succeeded({ filename: `timeline-${timeline.patient.mrn}-${stamp}.json`, json: `${JSON.stringify(input, null, 2)}\n` });
}
