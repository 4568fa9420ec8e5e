"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteRegistrationAction } from "@/app/(console)/assets/actions";
import { unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function DeleteRegistrationButton({ id, selector }: { id: string; selector: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(deleteRegistrationAction({ id })),
    onSuccess: () => {
      close();
      router.refresh();
    },
  });

  function close() {
    setOpen(false);
    remove.reset();
  }

  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)} aria-label={`Delete ${selector}`}>
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`Delete the registration of ${selector}?`}
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
        cancelLabel="Keep it"
        confirmLabel="Delete registration"
        pendingLabel="Deleting…"
        variant="danger"
        error={remove.error?.message}
      >
        <p className="text-sm">It stops protecting at once: the default policy applies to {selector} from then on, and Reflex may contain it without asking you. The removal goes in the audit log.</p>
      </ConfirmDialog>
    </>
  );
}
