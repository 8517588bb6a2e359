/** "MRN 123456", or the MRN as it is when it already says so ("MRN100003"). */
export function formatMrn(mrn: string): string {
  return /^mrn/i.test(mrn) ? mrn : `MRN ${mrn}`;
}
