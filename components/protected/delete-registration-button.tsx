"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteRegistrationAction } from "@/app/(console)/assets/actions";
import { unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export function DeleteRegistrationButton({ id, selector }: { id: string; selector: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(deleteRegistrationAction({ id })),
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)} aria-label={`Delete ${selector}`}>
        Delete
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Delete the registration of ${selector}?`}>
        <div className="space-y-4 text-sm">
          <p>It stops protecting at once: the default policy applies to {selector} from then on, and Reflex may contain it without asking you. The removal goes in the audit log.</p>
          {remove.isError && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
              {remove.error.message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Keep it
            </Button>
            <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
              {remove.isPending ? "Deleting…" : "Delete registration"}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
