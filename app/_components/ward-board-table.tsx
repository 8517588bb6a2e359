import { boardRowView } from "./board-row-view";
import { WardBoardRows } from "./ward-board-rows";
import type { WardBoardRow } from "@/lib/ward/ward-board";

/**
 * One row per active patient, sickest first (the order comes from loadWardBoard, CLINICAL-RULES.md
 * section 8). Under ~800 px the table becomes stacked cards; each cell carries its column name for
 * that layout. A time that is not today on the ward's clock shows its date.
 * `replay` (the board as it stood at a past moment, `now` = that moment): read-only, nothing ticks,
 * and every link opens the patient's chart replayed at the same moment rather than a live page.
 */
export function WardBoardTable({ rows, now, replay = false }: { rows: WardBoardRow[]; now: number; replay?: boolean }) {
  if (rows.length === 0) return <p>{replay ? "No patients were on the ward at that moment." : "No active patients."}</p>;
  return (
    <table className="board">
      <caption className="muted" style={{ textAlign: "left", padding: ".25rem 0" }}>
        {rows.length} {replay ? "patients on the ward then" : "active patients"}, sickest first: late tasks, then the highest of
        CRS, ICANS and NEWS2, then open tasks, then overdue observations ·{" "}
        {replay ? "a replay: nothing updates" : "updates every 30 s"}
      </caption>
      <thead>
        <tr>
          <th scope="col">Patient</th>
          <th scope="col" className="tasks-column">
            Tasks
          </th>
          <th scope="col">CRS now / max</th>
          <th scope="col">ICANS</th>
          <th scope="col">NEWS2</th>
          <th scope="col">CRS onset</th>
          <th scope="col">Escalation timers</th>
          <th scope="col">Tocilizumab</th>
          <th scope="col">Observations due</th>
        </tr>
      </thead>
      <WardBoardRows rows={rows.map((row) => boardRowView(row, now))} now={now} replay={replay} />
    </table>
  );
}
