import Link from "next/link";

/** Links, not a form: each window is a URL the SOC can share, and it works without JavaScript. */
export function WindowPicker({ label, choices, current, unit, hrefFor }: { label: string; choices: readonly number[]; current: number; unit: "days" | "weeks"; hrefFor: (n: number) => string }) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-1 text-sm">
      <span className="mr-1 text-slate-600">{label}:</span>
      {choices.map((n) => (
        <Link
          key={n}
          href={hrefFor(n)}
          aria-current={n === current ? "page" : undefined}
          className={`rounded-md px-2.5 py-1 font-medium ${n === current ? "bg-indigo-600 text-white" : "text-indigo-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"}`}
        >
          {n} {unit}
        </Link>
      ))}
    </nav>
  );
}
