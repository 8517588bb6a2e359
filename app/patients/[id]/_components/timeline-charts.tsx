"use client";
/**
 * The patient's vitals and grades stacked on ONE time axis: every chart gets the same data array,
 * the same numeric x domain and ticks, and the same syncId, so the tooltip lines up across them.
 * Animation is off: a 30-day timeline must draw at once, and a nurse should not watch lines grow.
 */
import { Area, AreaChart, CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { unpackPoints, type ChartPoint, type PackedPoints } from "@/lib/format/downsample";
import type { PlacedMarker } from "@/lib/format/timeline-chart";
import { formatWardDateTime, formatWardTime, formatWardDate } from "@/lib/format/time";
import { displayTemperatureValue, feverLine, type TemperatureUnit } from "@/lib/format/temperature";
import { NEWS2_BAND_WORDS } from "@/lib/format/news2";
import { NEWS2_BANDS } from "@/lib/engine/vocabulary";

type ChartMarker = PlacedMarker;

interface Props {
  /** The window's points, as columns (lib/format/downsample.ts): the payload stays small for 'All'. */
  series: PackedPoints;
  from: number;
  to: number;
  ticks: number[];
  timeZone: string;
  markers: ChartMarker[];
  /** Set when points are buckets (worst value per bucket) rather than single observations. */
  bucketMs: number | null;
  /** The reader's unit (lib/users/temperature-unit.ts): the temperature chart, its fever line and tooltip. */
  temperatureUnit: TemperatureUnit;
}

/** Band backgrounds of the NEWS2 chart, each labelled with its word so it reads in print and greyscale. */
const NEWS2_BAND_FILLS = ["#e8f5e9", "#fff3c4", "#ffcc80", "#ef9a9a"] as const;

const SYNC_ID = "patient-timeline";
const MARKER_COLOURS: Record<ChartMarker["kind"], string> = { tocilizumab: "#6a1b9a", steroid: "#00695c", timer: "#b00020" };
const HEIGHT = 150;
const RIGHT_AXIS_WIDTH = 28;

export function TimelineCharts({ series, from, to, ticks, timeZone, markers, bucketMs, temperatureUnit }: Props) {
  const points = unpackPoints(series);
  // One array for every chart (the shared tooltip lines up by index): the temperature in the reader's unit, one decimal.
  const data = points.map((p) => ({
    ...p,
    temperature: p.temperatureC === null ? null : displayTemperatureValue(p.temperatureC, temperatureUnit),
  }));
  const fever = feverLine(temperatureUnit);
  const temperatureRange: [number, number] = temperatureUnit === "F" ? [95, 106] : [35, 41];
  // Midnight ticks name the day, the others the hour: "Sat 21 Nov", "06:00", "12:00".
  const tickFormatter = (t: number) => {
    const time = formatWardTime(t, timeZone);
    return time === "00:00" ? formatWardDate(t, timeZone) : time;
  };
  const labelFormatter = (t: unknown) => formatWardDateTime(Number(t), timeZone);
  const dots = points.length <= 120;

  const xAxis = (hide: boolean) => (
    <XAxis
      dataKey="t"
      type="number"
      scale="time"
      domain={[from, to]}
      ticks={ticks}
      tickFormatter={tickFormatter}
      allowDataOverflow
      hide={hide}
      height={hide ? 0 : 24}
    />
  );
  const markerLines = (withLabels: boolean, yAxisId?: string) =>
    markers.map((m, i) => (
      <ReferenceLine
        key={`${m.kind}-${m.t}-${i}`}
        x={m.t}
        yAxisId={yAxisId}
        stroke={MARKER_COLOURS[m.kind]}
        strokeDasharray={m.kind === "timer" ? "4 3" : undefined}
        label={
          withLabels && m.label
            ? {
                value: m.label,
                position: "insideTopLeft",
                offset: 4 + m.row * 15,
                fill: MARKER_COLOURS[m.kind],
                fontSize: 12,
                fontWeight: 700,
              }
            : undefined
        }
        ifOverflow="hidden"
      />
    ));
  const common = {
    data,
    syncId: SYNC_ID,
    responsive: true,
    style: { width: "100%", height: HEIGHT },
    // Every plot area must be exactly as wide as the others, or one instant sits at different x in
    // different charts: charts without the right-hand oxygen axis leave its width as margin.
    margin: { top: 8, right: 16 + RIGHT_AXIS_WIDTH, bottom: 0, left: 0 },
  };
  const tooltip = <Tooltip labelFormatter={labelFormatter} isAnimationActive={false} />;

  return (
    <div className="timeline-charts">
      {bucketMs !== null && (
        <p className="muted chart-note">
          Wide window: each point is the worst value in a {Math.round(bucketMs / 60_000)}-minute period (highest grade,
          temperature and heart rate; lowest pressure and SpO2); every change of CRS or ICANS grade is drawn at its own time.
          Every observation is in the table below.
        </p>
      )}
      <ChartBlock title={`Temperature (°${temperatureUnit})`}>
        <LineChart {...common}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {xAxis(true)}
          <YAxis domain={atLeast(...temperatureRange)} width={44} />
          <ReferenceLine
            y={fever}
            stroke="#b00020"
            strokeDasharray="6 3"
            label={{ value: `${fever.toFixed(1)} °${temperatureUnit} fever`, position: "insideBottomLeft", fontSize: 12 }}
          />
          {markerLines(false)}
          <Line
            dataKey="temperature"
            name={`Temperature °${temperatureUnit}`}
            stroke="#c62828"
            dot={dots}
            connectNulls
            isAnimationActive={false}
          />
          {tooltip}
        </LineChart>
      </ChartBlock>
      <ChartBlock title="Heart rate (beats/min)">
        <LineChart {...common}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {xAxis(true)}
          <YAxis domain={atLeast(40, 180)} width={44} />
          {markerLines(false)}
          <Line dataKey="heartRate" name="Heart rate" stroke="#1565c0" dot={dots} connectNulls isAnimationActive={false} />
          {tooltip}
        </LineChart>
      </ChartBlock>
      <ChartBlock title="Blood pressure (mmHg): systolic (solid) and mean (dashed)">
        <LineChart {...common}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {xAxis(true)}
          <YAxis domain={atLeast(40, 180)} width={44} />
          <ReferenceLine
            y={90}
            stroke="#b00020"
            strokeDasharray="6 3"
            label={{ value: "SBP 90", position: "insideTopLeft", fontSize: 12 }}
          />
          <ReferenceLine
            y={65}
            stroke="#8a5a00"
            strokeDasharray="2 3"
            label={{ value: "MAP 65", position: "insideBottomRight", fontSize: 12 }}
          />
          {markerLines(false)}
          <Line dataKey="systolicBP" name="Systolic" stroke="#37474f" dot={dots} connectNulls isAnimationActive={false} />
          <Line
            dataKey="meanArterialPressure"
            name="Mean"
            stroke="#8a5a00"
            strokeDasharray="5 3"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          {tooltip}
        </LineChart>
      </ChartBlock>
      <ChartBlock title="SpO2 (%), and oxygen support as its ASTCT axis grade 0/2/3/4 (dashed, right)">
        <LineChart {...common} margin={{ ...common.margin, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} yAxisId="spo2" />
          {xAxis(true)}
          <YAxis yAxisId="spo2" domain={atLeast(80, 100)} width={44} />
          <YAxis yAxisId="o2" orientation="right" domain={[0, 4]} ticks={[0, 2, 3, 4]} width={RIGHT_AXIS_WIDTH} />
          {markerLines(false, "spo2")}
          <Line yAxisId="spo2" dataKey="spo2" name="SpO2 %" stroke="#00838f" dot={dots} connectNulls isAnimationActive={false} />
          <Line
            yAxisId="o2"
            dataKey="oxygenAxis"
            name="Oxygen support (axis grade)"
            type="stepAfter"
            stroke="#5d4037"
            strokeDasharray="4 2"
            dot={false}
            isAnimationActive={false}
          />
          {tooltip}
        </LineChart>
      </ChartBlock>
      <ChartBlock title="CRS grade, with tocilizumab (T1-T4), steroid and timer markers">
        <AreaChart {...common} style={{ width: "100%", height: HEIGHT + 20 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {xAxis(true)}
          <YAxis domain={[0, 5]} ticks={[0, 1, 2, 3, 4, 5]} width={44} allowDecimals={false} />
          {markerLines(true)}
          <Area
            dataKey="grade"
            name="CRS grade"
            type="stepAfter"
            stroke="#e65100"
            fill="#ffb74d"
            fillOpacity={0.6}
            isAnimationActive={false}
          />
          {tooltip}
        </AreaChart>
      </ChartBlock>
      <ChartBlock
        title={
          points.some((p) => p.news2Band !== null)
            ? "NEWS2 band (low, low-medium, medium, high); the score in the tooltip, 'at least' when a set is incomplete"
            : "NEWS2: no charted set in this window"
        }
      >
        <LineChart {...common} style={{ width: "100%", height: HEIGHT - 30 }}>
          {xAxis(true)}
          <YAxis domain={[-0.5, 3.5]} ticks={[0, 1, 2, 3]} width={44} tickFormatter={() => ""} />
          {NEWS2_BANDS.map((band, rank) => (
            <ReferenceArea
              key={band}
              y1={rank - 0.5}
              y2={rank + 0.5}
              fill={NEWS2_BAND_FILLS[rank]}
              fillOpacity={0.8}
              stroke="none"
              ifOverflow="hidden"
              label={{ value: NEWS2_BAND_WORDS[band], position: "insideLeft", fontSize: 11, fill: "#333" }}
            />
          ))}
          {markerLines(false)}
          <Line
            dataKey="news2Band"
            name="NEWS2"
            type="stepAfter"
            stroke="#263238"
            strokeWidth={2}
            dot={dots}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Tooltip
            labelFormatter={labelFormatter}
            isAnimationActive={false}
            formatter={(_value, _name, item) => {
              const p = item.payload as ChartPoint;
              if (p.news2Score === null || p.news2Band === null) return ["not charted", "NEWS2"];
              const band = NEWS2_BANDS[p.news2Band] ?? "low";
              const score = p.news2Incomplete ? `at least ${p.news2Score}` : String(p.news2Score);
              return [`${score} · ${NEWS2_BAND_WORDS[band]}`, "NEWS2"];
            }}
          />
        </LineChart>
      </ChartBlock>
      <ChartBlock
        title={
          points.some((p) => p.icansGrade !== null)
            ? "ICANS grade (gaps: not assessed)"
            : "ICANS grade: not assessed in this window"
        }
      >
        <AreaChart {...common} style={{ width: "100%", height: HEIGHT - 20 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {xAxis(false)}
          <YAxis domain={[0, 4]} ticks={[0, 1, 2, 3, 4]} width={44} allowDecimals={false} />
          {markerLines(false)}
          <Area
            dataKey="icansGrade"
            name="ICANS grade"
            type="stepAfter"
            stroke="#4527a0"
            fill="#b39ddb"
            fillOpacity={0.6}
            connectNulls={false}
            isAnimationActive={false}
          />
          {tooltip}
        </AreaChart>
      </ChartBlock>
    </div>
  );
}

/** A usual range that widens to fit any charted value: an extreme reading is never clipped off the chart. */
function atLeast(low: number, high: number): [(min: number) => number, (max: number) => number] {
  return [(min) => Math.min(low, Math.floor(min)), (max) => Math.max(high, Math.ceil(max))];
}

function ChartBlock({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <figure className="chart-block">
      <figcaption>{title}</figcaption>
      {children}
    </figure>
  );
}
