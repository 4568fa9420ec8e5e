"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { revokePolicyAction } from "@/app/(console)/policy/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fieldsOf, unwrap } from "./action-result";

/** Revoking is destructive: it asks for a reason and says what happens next before doing it. */
export function RevokeButton({ versionId, version, active }: { versionId: string; version: number; active: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const revoke = useMutation({
    mutationFn: () => unwrap(revokePolicyAction({ versionId, reason })),
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const reasonError = fieldsOf(revoke.error).reason?.[0];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    revoke.mutate();
  }

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {active ? `Revoke v${version}` : `Revoke draft v${version}`}
      </Button>
      {open && (
        <Dialog open onClose={() => setOpen(false)} title={`Revoke policy v${version}?`}>
          <form onSubmit={onSubmit} className="space-y-4">
            <p className="text-sm text-slate-700">
              {active
                ? "No policy will be in force: nothing executes on its own and every proposal escalates to a person until a CISO signs a new version. Containments already in force stay until they expire or are released."
                : "The draft can no longer be edited or signed. It stays in the history."}
            </p>
            <div>
              <label htmlFor="revoke-reason" className="block text-sm font-medium text-slate-700">
                Reason (goes in the audit log)
              </label>
              <input id="revoke-reason" value={reason} onChange={(e) => setReason(e.target.value)} required aria-invalid={Boolean(reasonError)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
              {reasonError && <p className="mt-1 text-sm text-red-700">{reasonError}</p>}
            </div>
            {revoke.isError && !reasonError && (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {revoke.error.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" variant="danger" disabled={revoke.isPending}>
                {revoke.isPending ? "Revoking…" : `Revoke v${version} now`}
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
