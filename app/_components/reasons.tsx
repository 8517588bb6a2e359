import type { Reason } from "@/lib/engine";

/** The engine's reasons, each already naming its rule ID, as the clinician reads them. */
export function Reasons({ reasons, compact = false }: { reasons: readonly Reason[]; compact?: boolean }) {
  if (reasons.length === 0) return <span className="muted">No findings</span>;
  return (
    <ul className={compact ? "reasons compact" : "reasons"}>
      {reasons.map((reason, i) => (
        <li key={`${reason.rule}-${i}`}>{reason.text}</li>
      ))}
    </ul>
  );
}

/**
 * For long tables: the rule IDs at a glance, the full reasons one tap away. A table of 200
 * observations with every reason spelt out would be pages long.
 */
export function CollapsedReasons({ reasons, open = false }: { reasons: readonly Reason[]; open?: boolean }) {
  if (reasons.length === 0) return <span className="muted">No findings</span>;
  const rules = [...new Set(reasons.map((r) => r.rule))];
  return (
    <details className="reasons-details" open={open}>
      <summary>{rules.join(", ")}</summary>
      <Reasons reasons={reasons} compact />
    </details>
  );
}
