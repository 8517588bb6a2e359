import { loadFactHistory, type FactKind } from "@/lib/timeline/fact-history";
import { vitalsText, oxygenText, chartedInfusionsText, neuroText } from "@/lib/format/observation-text";
import { formatWardDateTime } from "@/lib/format/time";
import { drugLabel } from "@/lib/engine/vocabulary";
import { displayText } from "@/lib/format/display-text";
import type { TemperatureUnit } from "@/lib/format/temperature";

const STATUS: Record<string, string> = { final: "Charted", amended: "Amended", entered_in_error: "Entered in error" };

/** Every version of one fact, oldest first: what it said, who charted it, when, and why it changed. */
export async function FactHistoryDetails({
  kind,
  lineageId,
  timeZone,
  count,
  temperatureUnit,
}: {
  kind: FactKind;
  lineageId: string;
  timeZone: string;
  count: number;
  /** The reader's unit; only observations show a temperature. */
  temperatureUnit?: TemperatureUnit;
}) {
  const history = await loadFactHistory(kind, lineageId);
  if (!history) return null;
  return (
    <details className="history">
      <summary>History ({count} versions)</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">What it said</th>
            <th scope="col">Who, when</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {history.kind === "observation"
            ? history.versions.map((v) => (
                <tr key={v.id}>
                  <td>
                    {v.version}: {STATUS[v.status] ?? v.status}
                  </td>
                  <td>
                    {formatWardDateTime(v.effectiveAt, timeZone)}: {vitalsText(v.values, temperatureUnit ?? "C")};{" "}
                    {oxygenText(v.values)}
                    {`; ${chartedInfusionsText(v.values)}`}
                    {neuroText(v.values) && `; ${neuroText(v.values)}`}
                  </td>
                  <td>
                    {displayText(v.recordedBy.displayName)}, {formatWardDateTime(v.recordedAt, timeZone)}
                  </td>
                  <td>{v.changeReason ?? "–"}</td>
                </tr>
              ))
            : history.versions.map((v) => (
                <tr key={v.id}>
                  <td>
                    {v.version}: {STATUS[v.status] ?? v.status}
                  </td>
                  <td>
                    {formatWardDateTime(v.effectiveAt, timeZone)}: {displayText(drugLabel(v.drug))} {v.doseMg} mg {v.route}
                    {v.flagsAtCharting.length > 0 && `; flags ${v.flagsAtCharting.join(", ")}`}
                    {v.overrideReason && `; override: ${displayText(v.overrideReason)}`}
                    {v.overrideConfirmedBy && `; confirmed by ${displayText(v.overrideConfirmedBy.displayName)}`}
                  </td>
                  <td>
                    {displayText(v.recordedBy.displayName)}, {formatWardDateTime(v.recordedAt, timeZone)}
                  </td>
                  <td>{v.changeReason ?? "–"}</td>
                </tr>
              ))}
        </tbody>
      </table>
    </details>
  );
}
