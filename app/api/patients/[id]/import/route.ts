// POST {format, content, confirmations} -> the upload charted through the charting write path.
import { currentUser, requireApiAccess } from "@/lib/auth/guard";
import { handled, readJsonBody, respond } from "@/lib/http/respond";
import { importFacts } from "@/lib/import/import-facts";
import { MAX_UPLOAD_BYTES } from "@/lib/import/upload-request";
import { readUpload } from "./read-upload";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled(async () => {
    const access = await requireApiAccess("observation:chart", "POST /api/patients/[id]/import");
    if (access.denied) return access.denied;
    const { id } = await params;
    const read = await readJsonBody(request, MAX_UPLOAD_BYTES);
    if (!read.ok) return read.response;
    const upload = readUpload(read.body);
    if ("failure" in upload) return respond(upload.failure);
    return respond(await importFacts(await currentUser(), id, upload.items, upload.request.confirmations));
  });
}
