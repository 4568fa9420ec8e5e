"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { handOverRegistrationAction } from "@/app/(console)/assets/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, FormField, INPUT_CLASS, TextField } from "@/components/ui/form-field";

/** Gives the registration to another owner; `owners` excludes the current one. */
export function HandOverButton({ id, selector, owners }: { id: string; selector: string; owners: { id: string; name: string }[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [toOwnerId, setToOwnerId] = useState(owners[0]?.id ?? "");
  const [note, setNote] = useState("");
  const handOver = useMutation({
    mutationFn: () => unwrap(handOverRegistrationAction({ id, toOwnerId, note })),
    onSuccess: () => router.refresh(),
  });
  const errors = fieldsOf(handOver.error);
  const close = () => {
    setOpen(false);
    setToOwnerId(owners[0]?.id ?? "");
    setNote("");
    handOver.reset();
  };
  const ownerId = `handover-owner-${id}`;
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)} aria-label={`Hand over ${selector}`} disabled={owners.length === 0}>
        Hand over
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`Hand over ${selector}`}
        onConfirm={() => handOver.mutate()}
        pending={handOver.isPending}
        disabled={!toOwnerId}
        confirmLabel="Hand over"
        pendingLabel="Handing over…"
        error={errors.toOwnerId ? undefined : handOver.error?.message}
        done={
          handOver.isSuccess && (
            <div role="status" className="space-y-4 text-sm">
              <p>{handOver.data.owner} owns {selector} now and maintains it from here on.</p>
              <Button onClick={close}>Close</Button>
            </div>
          )
        }
      >
        <p className="text-sm text-slate-600">The new owner sees, edits and re-certifies it from now on; you no longer do unless you are SOC or CISO.</p>
        <FormField id={ownerId} label="New owner" error={errors.toOwnerId?.[0]}>
          <select id={ownerId} className={INPUT_CLASS} value={toOwnerId} onChange={(e) => setToOwnerId(e.target.value)} {...describedBy(ownerId, errors.toOwnerId?.[0])}>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </FormField>
        <TextField id={`handover-note-${id}`} label="Note for the audit log (optional)" value={note} onChange={setNote} error={errors.note?.[0]} />
      </ConfirmDialog>
    </>
  );
}
