/** One-click reasons that fill the reason field (the person can still edit it). */
export function QuickReasons({ reasons, value, onPick }: { reasons: readonly string[]; value: string; onPick: (reason: string) => void }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Quick reason</legend>
      <div className="mt-1 flex flex-wrap gap-2">
        {reasons.map((r) => (
          <button key={r} type="button" onClick={() => onPick(r)} aria-pressed={value === r} className="rounded-full border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 aria-pressed:bg-indigo-50">
            {r}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
