// The one permission table. Every page, route handler and server action asks `can(role, action)`
// (through lib/auth/guard.ts); tests generate their role x action matrix from this table.

export const ROLES = ["nurse", "physician", "pharmacist", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  nurse: "Nurse",
  physician: "Physician",
  pharmacist: "Pharmacist",
  auditor: "Auditor",
  admin: "Administrator",
};

const CLINICAL_READERS: readonly Role[] = ["nurse", "physician", "pharmacist", "auditor"];

export const PERMISSIONS = {
  /** See the ward board, timelines, handoff sheets. */
  "clinical:view": CLINICAL_READERS,
  /** Admit, edit demographics/weight/settings, discharge. */
  "patient:manage": ["physician"],
  /** Chart, amend or mark in error an observation. */
  "observation:chart": ["nurse", "physician"],
  /** Answer an escalation task (ESC-ACK: the engine decides whose task it is; a nurse cannot answer a physician's). */
  "task:acknowledge": ["nurse", "physician"],
  /** Pause and resume a patient's observations (OBS-PAUSE); chart a set as refused or not possible. */
  "observation:pause": ["nurse", "physician"],
  /** Record, amend or mark in error an administered dose. */
  "dose:record": ["nurse", "physician", "pharmacist"],
  /** Sign a patient's handoff off as the receiving clinician. */
  "handoff:sign-off": ["nurse", "physician"],
  /** Confirm a dose that breaks a tocilizumab limit (TOCI_* flag). */
  "dose:confirm-override": ["physician"],
  /** The dosing audit and its CSV export. */
  "dosing-audit:view": ["physician", "pharmacist", "auditor"],
  /**
   * The ward lead's report (sets on time, late, refused, not possible; task response times) and its
   * CSV: counts only, no patient named. Those who oversee the ward's care: physicians and auditors.
   */
  "ward-report:view": ["physician", "auditor"],
  /** Every audit event. */
  "audit-log:view": ["auditor", "admin"],
  /** Change one's own password (every signed-in user). */
  "account:password": ROLES,
  /** Choose one's own display settings (the temperature unit): everyone signed in. */
  "preferences:own": ROLES,
  /** Create and deactivate users, reset their passwords. */
  "users:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function can(role: Role | null | undefined, action: Action): boolean {
  if (!role) return false;
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
