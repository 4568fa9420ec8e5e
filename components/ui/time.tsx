/** A timestamp shown in UTC (SOC teams across time zones read the same thing), machine-readable too. */
export function Time({ value }: { value: Date | null }) {
  if (!value) return <span className="text-slate-400">—</span>;
  const text = value.toISOString().replace("T", " ").slice(0, 19) + " UTC";
  return <time dateTime={value.toISOString()}>{text}</time>;
}
