import Link from "next/link";
import { notFound } from "next/navigation";
import { GradePill } from "@/app/_components/grade-pill";
import { Reasons } from "@/app/_components/reasons";
import { tocilizumabLine } from "@/app/_components/tocilizumab-summary";
import { requirePageAccess } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { displayText } from "@/lib/format/display-text";
import { formatMrn } from "@/lib/format/patient";
import { formatWardDateTime, formatWardTimeWithZone } from "@/lib/format/time";
import { TIMER_WORDS } from "@/lib/format/timers";
import { fromWardInputValue, toWardInputValue } from "@/lib/format/ward-input";
import { loadReplay } from "@/lib/replay/load-replay";

export const dynamic = "force-dynamic";

/**
 * The chart as it stood at a past instant (ASOF): facts recorded up to then, graded with now = then.
 * Read-only: nothing here charts or corrects. `?at=` is an ISO instant (links from the dosing
 * audit) or the ward-clock time typed in the form.
 */
export default async function ReplayPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ at?: string; local?: string }>;
}) {
  const user = await requirePageAccess("clinical:view");
  const { id } = await params;
  const { at, local } = await searchParams;
  const ward = await db.patient.findUnique({ where: { id }, select: { ward: { select: { timeZone: true } } } });
  if (!ward) notFound();
  const timeZone = ward.ward.timeZone;
  const typed = local ? fromWardInputValue(local, timeZone) : null;
  const asOf = typed?.ok ? typed.iso : at;
  const replay = asOf ? await loadReplay(user, id, asOf) : null;

  return (
    <>
      <div className="page-head">
        <h1>Replay: the chart as it stood at a past moment</h1>
        <p>
          <Link href={`/patients/${id}`}>Back to the live timeline</Link>
        </p>
      </div>
      <form method="get" className="card form-grid" aria-label="Choose the moment">
        <div className="field">
          <label htmlFor="replay-local">Moment (ward time, {timeZone})</label>
          <input
            id="replay-local"
            name="local"
            type="datetime-local"
            defaultValue={replay?.ok ? toWardInputValue(replay.value.asOf, timeZone) : ""}
          />
        </div>
        <div className="form-actions">
          <button type="submit">Replay</button>
        </div>
      </form>
      {typed && !typed.ok && (
        <p className="notice bad" role="alert">
          {typed.message}
        </p>
      )}
      {replay && !replay.ok && (
        <p className="notice bad" role="alert">
          {replay.message}
        </p>
      )}
      {replay?.ok && <ReplayView replay={replay.value} />}
    </>
  );
}

function ReplayView({ replay }: { replay: Extract<Awaited<ReturnType<typeof loadReplay>>, { ok: true }>["value"] }) {
  const { patient, graded } = replay;
  const tz = patient.timeZone;
  const now = Date.parse(replay.asOf);
  const grades = new Map(graded.observations.map((row) => [row.id, row]));
  const doseFlags = new Map(graded.medications.map((row) => [row.id, row]));
  return (
    <section aria-labelledby="replay-title">
      <p className="notice bad" role="status" data-testid="replay-banner">
        <strong>Replay, read-only:</strong> {displayText(patient.name)} as the chart stood at{" "}
        {formatWardTimeWithZone(replay.asOf, tz)}. Only what had been recorded by then; nothing can be charted here.
      </p>
      <div className="card">
        <h2 id="replay-title">
          {displayText(patient.name)} · {formatMrn(patient.mrn)} · Bed {displayText(patient.bed)}
        </h2>
        <p className="pill-row">
          CRS <GradePill grade={graded.currentGrade} /> max <GradePill grade={graded.maxGrade} /> ICANS{" "}
          <GradePill grade={graded.currentIcansGrade} kind="ICANS" />
        </p>
        <p data-testid="replay-tocilizumab">Tocilizumab then: {tocilizumabLine(graded.tocilizumab, tz, now)}</p>
        <h3>Timers then</h3>
        <ul>
          {graded.timers
            .filter((timer) => timer.status === "running" || timer.status === "overdue")
            .map((timer, index) => (
              <li key={index}>
                {TIMER_WORDS[timer.kind].prefix} due {formatWardDateTime(timer.dueAt, tz)} ({timer.status})
              </li>
            ))}
        </ul>
        <h3>Recommendations then</h3>
        <ul>
          {graded.recommendations.map((recommendation, index) => (
            <li key={index}>{recommendation.text}</li>
          ))}
        </ul>
      </div>
      <div className="card table-wrap">
        <h3>Doses charted by then</h3>
        <table>
          <thead>
            <tr>
              <th scope="col">Given</th>
              <th scope="col">Dose</th>
              <th scope="col">Limit flags then</th>
            </tr>
          </thead>
          <tbody>
            {replay.doses.map((dose) => (
              <tr key={dose.id}>
                <td>{formatWardDateTime(dose.effectiveAt, tz)}</td>
                <td>
                  {displayText(dose.drug)} {dose.doseMg} mg {dose.route}
                </td>
                <td>{(doseFlags.get(dose.id)?.flags ?? []).join(", ") || "none"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card table-wrap">
        <h3>Observations charted by then</h3>
        <table>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">CRS</th>
              <th scope="col">ICANS</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {[...replay.observations].reverse().map((row) => {
              const grade = grades.get(row.id);
              return (
                <tr key={row.id}>
                  <td>{formatWardDateTime(row.effectiveAt, tz)}</td>
                  <td>
                    <GradePill grade={grade?.grade} small />
                  </td>
                  <td>
                    <GradePill grade={grade?.icansGrade} kind="ICANS" small />
                  </td>
                  <td>{grade && <Reasons reasons={grade.reasons} compact />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
