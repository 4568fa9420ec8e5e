import type { TAutonomyShift } from "@/lib/domain/policy-diff";

/** What signing starts and stops running on its own: the heart of the final summary. */
export function AutonomySummary({ shift, activeVersion }: { shift: TAutonomyShift; activeVersion: number | null }) {
  const against = activeVersion ? `compared with v${activeVersion}` : "no policy is active now";
  return (
    <div className="grid gap-4 text-sm md:grid-cols-2">
      <div>
        <h3 className="font-semibold text-slate-900">Becomes autonomous ({against})</h3>
        {shift.becomes.length === 0 ? (
          <p className="text-slate-600">Nothing new runs on its own.</p>
        ) : (
          <ul aria-label="Becomes autonomous" className="mt-1 list-disc pl-5">
            {shift.becomes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="font-semibold text-slate-900">Stops being autonomous</h3>
        {shift.stops.length === 0 ? (
          <p className="text-slate-600">Everything autonomous now stays autonomous.</p>
        ) : (
          <ul aria-label="Stops being autonomous" className="mt-1 list-disc pl-5">
            {shift.stops.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
