"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { revokeTokenAction } from "@/app/(console)/settings/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, FormField, INPUT_CLASS } from "@/components/ui/form-field";
import { REVOCATION_EFFECT, type TTokenScope } from "@/lib/auth/permissions";

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
  const fieldId = `revoke-token-reason-${tokenId}`;

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
              {REVOCATION_EFFECT[scope]} This cannot be undone: whatever used it needs a new token.
            </p>
            <FormField id={fieldId} label="Reason (goes in the audit log)" error={reasonError}>
              <input id={fieldId} value={reason} onChange={(e) => setReason(e.target.value)} required {...describedBy(fieldId, reasonError)} className={INPUT_CLASS} />
            </FormField>
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
