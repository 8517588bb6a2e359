// An audit event's before and after, readable: one row per field, the two values side by side,
// changed fields marked, ids shown as the names they stand for, times in the ward's zone.
import { formatWardDateTime } from "@/lib/format/time";
import { displayText } from "@/lib/format/display-text";

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

function shown(value: unknown, names: Map<string, string>, timeZone: string): string {
  if (value === undefined) return "";
  if (value === null) return "—";
  if (typeof value === "string") {
    if (names.has(value)) return names.get(value)!;
    if (INSTANT.test(value)) return formatWardDateTime(new Date(value), timeZone);
    return value;
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

export function ChangeTable({
  before,
  after,
  names,
  timeZone,
}: {
  before: unknown;
  after: unknown;
  names: Map<string, string>;
  timeZone: string;
}) {
  const b = asRecord(before);
  const a = asRecord(after);
  if ((before !== null && !b) || (after !== null && !a)) {
    // Not a record (a row older code wrote as plain text): shown as stored, never hidden.
    return <pre style={{ whiteSpace: "pre-wrap", margin: 0 }}>{displayText(JSON.stringify({ before, after }, null, 2))}</pre>;
  }
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  if (fields.length === 0) return null;
  const both = b !== null && a !== null;
  return (
    <details>
      <summary>
        {both ? `${fields.filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f])).length} changed` : "Details"}
      </summary>
      <table className="change-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            {b && <th scope="col">Before</th>}
            {a && <th scope="col">After</th>}
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const changed = both && JSON.stringify(b[field]) !== JSON.stringify(a[field]);
            return (
              <tr key={field} data-changed={changed ? "true" : undefined}>
                <th scope="row">
                  {field}
                  {changed && <span className="muted"> (changed)</span>}
                </th>
                {b && <td>{displayText(shown(b[field], names, timeZone))}</td>}
                {a && <td>{displayText(shown(a[field], names, timeZone))}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
