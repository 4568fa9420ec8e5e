"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { VERDICT_LABELS } from "@/lib/domain/audit-types";
import type { TWeekRow } from "@/lib/domain/dashboard";
import { formatPercent, formatSeconds } from "@/lib/domain/report-format";
import { VERDICTS, type TVerdict } from "@/lib/domain/types";

// The dashboard's charts. Each one is drawn from the same figures as the table printed
// under it (components/dashboard/chart-card.tsx), which is what screen readers get: the
// SVG itself is hidden from them and labelled as an image for everyone else.

const VERDICT_COLORS: Record<TVerdict, string> = {
  execute: "#059669",
  escalate: "#d97706",
  suppress: "#64748b",
  forbid: "#dc2626",
  shadow: "#7c3aed",
};

const HEIGHT = 260;

export function WeeklyVerdictChart({ weeks, label }: { weeks: TWeekRow[]; label: string }) {
  const data = weeks.map((w) => ({ week: w.week.slice(5), ...w.decisions }));
  return (
    <div role="img" aria-label={label} style={{ height: HEIGHT }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {VERDICTS.map((v) => (
            <Bar key={v} dataKey={v} name={VERDICT_LABELS[v]} stackId="verdicts" fill={VERDICT_COLORS[v]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function TimingTrendChart({ weeks, label }: { weeks: TWeekRow[]; label: string }) {
  const minutes = (s: number | null) => (s === null ? null : Number((s / 60).toFixed(1)));
  const data = weeks.map((w) => ({ week: w.week.slice(5), mean: minutes(w.containMeanSeconds), p90: minutes(w.containP90Seconds), release: minutes(w.releaseMeanSeconds) }));
  return (
    <div role="img" aria-label={label} style={{ height: HEIGHT }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" fontSize={12} />
          <YAxis fontSize={12} unit=" min" width={72} />
          <Tooltip formatter={(value) => (typeof value === "number" ? formatSeconds(value * 60) : String(value))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="mean" name="Alert → containment, mean" stroke="#4f46e5" connectNulls isAnimationActive={false} />
          <Line type="monotone" dataKey="p90" name="Alert → containment, p90" stroke="#a5b4fc" strokeDasharray="4 2" connectNulls isAnimationActive={false} />
          <Line type="monotone" dataKey="release" name="Containment → release, mean" stroke="#d97706" connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One bar per label: counts, or ratios printed as percentages. */
export function LabelledBarChart({ data, format, label, color = "#4f46e5" }: { data: { label: string; value: number }[]; format: "count" | "percent"; label: string; color?: string }) {
  const print = (v: number) => (format === "percent" ? formatPercent(v) : String(v));
  return (
    <div role="img" aria-label={label} style={{ height: Math.max(120, 44 * data.length + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" fontSize={12} allowDecimals={format === "percent"} domain={format === "percent" ? [0, 1] : [0, "auto"]} tickFormatter={print} />
          <YAxis type="category" dataKey="label" fontSize={12} width={140} />
          <Tooltip formatter={(value) => (typeof value === "number" ? print(value) : String(value))} />
          <Bar dataKey="value" name={label} fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
