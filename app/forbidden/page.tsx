import Link from "next/link";

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const { need } = await searchParams;
  return (
    <>
      <h1>Not available to your role</h1>
      <p>Your role does not allow this{need ? ` (${need})` : ""}. The attempt has been recorded in the audit log.</p>
      <p>
        <Link href="/">Back to the start page</Link>
      </p>
    </>
  );
}
