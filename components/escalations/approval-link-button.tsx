"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { createApprovalLinkAction } from "@/app/(console)/escalations/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField, INPUT_CLASS } from "@/components/ui/form-field";

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
  // Kept on close, unlike the other dialogs: reopening shows the link just made instead of making another.
  const close = () => setOpen(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Approval link…
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`Approval link for ${title}`}
        onConfirm={() => create.mutate()}
        pending={create.isPending}
        confirmLabel="Create link"
        error={create.error?.message}
        done={
          create.isSuccess && (
            <div role="status" className="space-y-3 text-sm">
              <p>
                Send this to {create.data.addressee}. It works once, until {create.data.expiresAt.replace("T", " ").slice(0, 16)} UTC, and lets them approve or reject without signing in.
              </p>
              <label htmlFor={`approval-url-${escalationId}`} className="block font-medium text-slate-700">
                Link
              </label>
              <input id={`approval-url-${escalationId}`} readOnly value={create.data.url} onFocus={(e) => e.currentTarget.select()} className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" />
              <Button onClick={close}>Close</Button>
            </div>
          )
        }
      >
        <FormField id={`approval-to-${escalationId}`} label="For">
          <select id={`approval-to-${escalationId}`} value={addressee} onChange={(e) => setAddressee(e.target.value)} className={INPUT_CLASS}>
            {approvers.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </FormField>
      </ConfirmDialog>
    </>
  );
}
