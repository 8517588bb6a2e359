"use client";
// Sets per ward day, stacked by how they were charted: on time, late, refused, not possible.
// Animation off, like every chart here; each series labelled so it reads in print and greyscale.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { DaySets } from "@/lib/reports/ward-report";

export function SetsChart({ days }: { days: DaySets[] }) {
  return (
    <BarChart width={760} height={260} data={days} aria-label="Sets per day by how they were charted">
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="day" />
      <YAxis allowDecimals={false} />
      <Tooltip />
      <Legend />
      <Bar dataKey="onTime" name="On time" stackId="sets" fill="#2e7d32" isAnimationActive={false} />
      <Bar dataKey="late" name="Late" stackId="sets" fill="#c62828" isAnimationActive={false} />
      <Bar dataKey="refused" name="Refused" stackId="sets" fill="#ef6c00" isAnimationActive={false} />
      <Bar dataKey="notPossible" name="Not possible" stackId="sets" fill="#6d6d6d" isAnimationActive={false} />
    </BarChart>
  );
}
