"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { handOverRegistrationAction } from "@/app/(console)/assets/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, FormField, INPUT_CLASS } from "@/components/ui/form-field";

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
    handOver.reset();
  };
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    handOver.mutate();
  }
  const ownerId = `handover-owner-${id}`;
  const noteId = `handover-note-${id}`;
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)} aria-label={`Hand over ${selector}`} disabled={owners.length === 0}>
        Hand over
      </Button>
      <Dialog open={open} onClose={close} title={`Hand over ${selector}`}>
        {handOver.isSuccess ? (
          <div role="status" className="space-y-4 text-sm">
            <p>{handOver.data.owner} owns {selector} now and maintains it from here on.</p>
            <Button onClick={close}>Close</Button>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4">
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
            <FormField id={noteId} label="Note for the audit log (optional)" error={errors.note?.[0]}>
              <input id={noteId} className={INPUT_CLASS} value={note} onChange={(e) => setNote(e.target.value)} {...describedBy(noteId, errors.note?.[0])} />
            </FormField>
            {handOver.isError && !errors.toOwnerId && (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {handOver.error.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={handOver.isPending || !toOwnerId}>
                {handOver.isPending ? "Handing over…" : "Hand over"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
