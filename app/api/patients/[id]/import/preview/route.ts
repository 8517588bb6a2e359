// POST {format, content} -> what the upload would chart (sets, doses, late entries, re-gradings,
// limits). Stores nothing.
import { currentUser, requireApiAccess } from "@/lib/auth/guard";
import { handled, readJsonBody, respond } from "@/lib/http/respond";
import { previewImport } from "@/lib/import/preview-import";
import { MAX_UPLOAD_BYTES } from "@/lib/import/upload-request";
import { readUpload } from "../read-upload";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled(async () => {
    const access = await requireApiAccess("observation:chart", "POST /api/patients/[id]/import/preview");
    if (access.denied) return access.denied;
    const { id } = await params;
    const read = await readJsonBody(request, MAX_UPLOAD_BYTES);
    if (!read.ok) return read.response;
    const upload = readUpload(read.body);
    if ("failure" in upload) return respond(upload.failure);
    return respond(await previewImport(await currentUser(), id, upload.items));
  });
}
