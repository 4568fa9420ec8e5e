"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { revokeTokenAction } from "@/app/(console)/settings/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { TTokenScope } from "@/lib/auth/permissions";

const CONSEQUENCE: Record<TTokenScope, string> = {
  ingest: "Alert sources and log shippers sending with it get 401: their alerts stop arriving until they have a new token.",
  feed: "The firewall pulling the blocklist with it gets 401 and keeps the last list it had: new blocks and releases stop reaching it.",
  bouncer: "The bouncer using it gets 403 and keeps the decisions it has: new blocks and releases stop reaching it.",
  admin: "Scripts using it are refused from their next request on.",
};

/** Revoking cuts off whatever uses the token, at once and for good: it says so and asks why first. */
export function RevokeTokenButton({ tokenId, name, scope }: { tokenId: string; name: string; scope: TTokenScope }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const revoke = useMutation({
    mutationFn: () => unwrap(revokeTokenAction({ token: tokenId, reason })),
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const reasonError = fieldsOf(revoke.error).reason?.[0];

  // Reopened, the dialog starts over: no reason or error left from the last time.
  function close() {
    setOpen(false);
    setReason("");
    revoke.reset();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    revoke.mutate();
  }

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} aria-label={`Revoke token ${name}`}>
        Revoke
      </Button>
      {open && (
        <Dialog open onClose={close} title={`Revoke ${scope} token "${name}"?`}>
          <form onSubmit={onSubmit} className="space-y-4">
            <p className="text-sm text-slate-700">
              {CONSEQUENCE[scope]} This cannot be undone: whatever used it needs a new token.
            </p>
            <div>
              <label htmlFor={`revoke-token-reason-${tokenId}`} className="block text-sm font-medium text-slate-700">
                Reason (goes in the audit log)
              </label>
              <input
                id={`revoke-token-reason-${tokenId}`}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
                aria-invalid={Boolean(reasonError)}
                aria-describedby={reasonError ? `revoke-token-reason-error-${tokenId}` : undefined}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
              {reasonError && (
                <p id={`revoke-token-reason-error-${tokenId}`} role="alert" className="mt-1 text-sm text-red-700">
                  {reasonError}
                </p>
              )}
            </div>
            {revoke.isError && !reasonError && (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {revoke.error.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" variant="danger" disabled={revoke.isPending}>
                {revoke.isPending ? "Revoking…" : "Revoke now"}
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
