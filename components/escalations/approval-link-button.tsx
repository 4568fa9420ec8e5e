"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { createApprovalLinkAction } from "@/app/(console)/escalations/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** Creates a signed, single-use approval link for a named approver, to send them by chat or e-mail. */
export function ApprovalLinkButton({ escalationId, approvers, title }: { escalationId: string; approvers: string[]; title: string }) {
  const [open, setOpen] = useState(false);
  const [addressee, setAddressee] = useState(approvers[0] ?? "");
  const create = useMutation({
    mutationFn: async () => {
      const result = await createApprovalLinkAction({ escalationId, addressee });
      if (!result.ok) throw new Error(result.fieldErrors.addressee?.[0] ?? result.message);
      return result.data;
    },
  });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Approval link…
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Approval link for ${title}`}>
        {create.isSuccess ? (
          <div role="status" className="space-y-3 text-sm">
            <p>
              Send this to {create.data.addressee}. It works once, until {create.data.expiresAt.replace("T", " ").slice(0, 16)} UTC, and lets them approve or reject without signing in.
            </p>
            <label htmlFor={`approval-url-${escalationId}`} className="block font-medium text-slate-700">
              Link
            </label>
            <input id={`approval-url-${escalationId}`} readOnly value={create.data.url} onFocus={(e) => e.currentTarget.select()} className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" />
            <Button onClick={() => setOpen(false)}>Close</Button>
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <div>
              <label htmlFor={`approval-to-${escalationId}`} className="block text-sm font-medium text-slate-700">
                For
              </label>
              <select id={`approval-to-${escalationId}`} value={addressee} onChange={(e) => setAddressee(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
                {approvers.map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </select>
            </div>
            {create.isError && (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {create.error.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={create.isPending}>
                Create link
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
