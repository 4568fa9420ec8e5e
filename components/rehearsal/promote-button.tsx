"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { promoteShadowCellAction } from "@/app/(console)/policy/playbooks/[key]/rehearsal/actions";
import { unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { TActionType } from "@/lib/domain/types";

type TProps = { playbookKey: string; action: TActionType; assetClass: string; windowDays: number; subject: string; evidence: string };

/** Proposes the promotion as a policy draft; the confirmation says that a CISO still has to sign it. */
export function PromoteButton(props: TProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const promote = useMutation({
    mutationFn: () => unwrap(promoteShadowCellAction({ playbookKey: props.playbookKey, action: props.action, assetClass: props.assetClass, windowDays: props.windowDays })),
    onSuccess: ({ version }) => router.push(`/policy/versions/${version}`),
  });
  const close = () => {
    setOpen(false);
    promote.reset();
  };
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Promote ${props.subject} to autonomous`}>
        Promote to autonomous
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`Promote ${props.subject} to autonomous?`}
        onConfirm={() => promote.mutate()}
        pending={promote.isPending}
        confirmLabel="Create the draft"
        pendingLabel="Creating draft…"
        error={promote.error?.message}
      >
        <div className="space-y-2 text-sm text-slate-700">
          <p>
            This creates a new policy draft, copied from the active policy, with this cell switched from shadow to autonomous and its thresholds unchanged. Nothing runs on its own until a CISO signs the draft.
          </p>
          <p>Evidence recorded with the draft: {props.evidence}.</p>
        </div>
      </ConfirmDialog>
    </>
  );
}
