/**
 * Shown at once while a patient's record is read and graded (a long stay takes a moment on the
 * server), so arriving from the ward board never looks like a dead click.
 */
export default function PatientLoading() {
  return (
    <p role="status" className="page-loading muted">
      Loading the patient&apos;s record…
    </p>
  );
}
