"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { releaseContainmentAction } from "@/app/(console)/containments/actions";
import { Button } from "@/components/ui/button";
import { QuickReasons } from "@/components/ui/quick-reasons";
import { Dialog } from "@/components/ui/dialog";

const QUICK_REASONS = ["False positive", "Business impact", "Resolved"];
const HOLD_OFF = [
  { label: "No hold-off", seconds: 0 },
  { label: "1 hour", seconds: 3600 },
  { label: "24 hours", seconds: 86_400 },
  { label: "7 days", seconds: 604_800 },
];

export function ReleaseButton({ containmentId, target }: { containmentId: string; target: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [holdOff, setHoldOff] = useState(0);
  const release = useMutation({
    mutationFn: async () => {
      const result = await releaseContainmentAction({ containmentId, reason, holdOffSeconds: holdOff || undefined });
      if (!result.ok) throw Object.assign(new Error(result.message), { fields: result.fieldErrors });
      return result.data;
    },
  });
  // Refresh once the dialog closes: refreshing on success would drop the released row,
  // and the dialog with its confirmation, from an "active" list before anyone reads it.
  const close = () => {
    setOpen(false);
    if (release.isSuccess) router.refresh();
  };
  const fieldError = (release.error as (Error & { fields?: Record<string, string[]> }) | null)?.fields?.reason?.[0];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    release.mutate();
  }

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} aria-label={`Release ${target}`}>
        Release
      </Button>
      <Dialog open={open} onClose={close} title={`Release ${target}?`}>
        {release.isSuccess ? (
          <div role="status" className="space-y-4 text-sm">
            <p>
              {release.data.alreadyReleased
                ? `${target} was already released${release.data.releasedBy ? ` by ${release.data.releasedBy}` : ""}. Nothing changed; your request is in the audit log.`
                : `${target} is released. Firewalls and bouncers drop it at their next pull.`}
            </p>
            <Button onClick={close}>Close</Button>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4">
            <p className="text-sm text-slate-600">Enforcement points stop blocking it at their next pull. The release and your reason go in the audit log.</p>
            <QuickReasons reasons={QUICK_REASONS} value={reason} onPick={setReason} />
            <div>
              <label htmlFor={`reason-${containmentId}`} className="block text-sm font-medium text-slate-700">
                Reason
              </label>
              <input id={`reason-${containmentId}`} value={reason} onChange={(e) => setReason(e.target.value)} required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={Boolean(fieldError)} aria-describedby={fieldError ? `reason-error-${containmentId}` : undefined} />
              {fieldError && (
                <p id={`reason-error-${containmentId}`} className="mt-1 text-sm text-red-700">
                  {fieldError}
                </p>
              )}
            </div>
            <div>
              <label htmlFor={`holdoff-${containmentId}`} className="block text-sm font-medium text-slate-700">
                Hold off re-containment
              </label>
              <select id={`holdoff-${containmentId}`} value={holdOff} onChange={(e) => setHoldOff(Number(e.target.value))} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
                {HOLD_OFF.map((h) => (
                  <option key={h.seconds} value={h.seconds}>
                    {h.label}
                  </option>
                ))}
              </select>
            </div>
            {release.isError && !fieldError && (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {release.error.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" variant="danger" disabled={release.isPending}>
                {release.isPending ? "Releasing…" : "Release now"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
