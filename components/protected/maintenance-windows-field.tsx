"use client";

import { Button } from "@/components/ui/button";
import { describedBy, FieldError, INPUT_CLASS } from "@/components/ui/form-field";
import type { TMaintenanceWindow } from "@/lib/domain/types";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
// Monday first, as most calendars show the week.
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** Weekly UTC windows in which automatic containment is accepted (none: any time). */
export function MaintenanceWindowsField({ windows, onChange, error }: { windows: TMaintenanceWindow[]; onChange: (w: TMaintenanceWindow[]) => void; error: (key: string) => string | undefined }) {
  const update = (i: number, patch: Partial<TMaintenanceWindow>) => onChange(windows.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Maintenance windows</legend>
      <p className="text-sm text-slate-500">If set, automatic containment happens only inside one of these windows (UTC); outside them it goes to a person.</p>
      <ol className="mt-2 space-y-3">
        {windows.map((w, i) => {
          const n = i + 1;
          const key = `requirements.maintenanceWindows.${i}`;
          return (
            <li key={i} className="rounded-md border border-slate-200 p-3">
              <fieldset className="flex flex-wrap gap-x-3 gap-y-1" {...describedBy(`reg-win-${i}-days`, error(`${key}.daysOfWeek`))}>
                <legend className="sr-only">Window {n} days</legend>
                {WEEK.map((d) => (
                  <label key={d} className="flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      aria-label={`Window ${n} ${DAYS[d]}`}
                      checked={w.daysOfWeek.includes(d)}
                      onChange={(e) => update(i, { daysOfWeek: e.target.checked ? [...w.daysOfWeek, d].sort((a, b) => a - b) : w.daysOfWeek.filter((x) => x !== d) })}
                    />
                    <span aria-hidden="true">{DAYS[d]?.slice(0, 3)}</span>
                  </label>
                ))}
              </fieldset>
              <FieldError id={`reg-win-${i}-days`} error={error(`${key}.daysOfWeek`)} />
              <div className="mt-2 flex flex-wrap items-end gap-3">
                {(["start", "end"] as const).map((edge) => (
                  <div key={edge}>
                    <label htmlFor={`reg-win-${i}-${edge}`} className="block text-xs font-medium text-slate-600">
                      Window {n} {edge} (UTC)
                    </label>
                    <input id={`reg-win-${i}-${edge}`} type="time" className={`${INPUT_CLASS} w-32`} value={w[edge]} onChange={(e) => update(i, { [edge]: e.target.value })} {...describedBy(`reg-win-${i}-${edge}`, error(`${key}.${edge}`))} />
                    <FieldError id={`reg-win-${i}-${edge}`} error={error(`${key}.${edge}`)} />
                  </div>
                ))}
                <Button variant="ghost" onClick={() => onChange(windows.filter((_, j) => j !== i))}>
                  Remove window {n}
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <Button variant="secondary" className="mt-2" onClick={() => onChange([...windows, { daysOfWeek: [6, 0], start: "02:00", end: "04:00" }])}>
        Add maintenance window
      </Button>
    </fieldset>
  );
}
