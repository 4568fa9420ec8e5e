"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { releaseContainmentAction } from "@/app/(console)/containments/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/form-field";
import { QuickReasons } from "@/components/ui/quick-reasons";
import { HoldOffField, RELEASE_QUICK_REASONS } from "./release-fields";


export function ReleaseButton({ containmentId, target }: { containmentId: string; target: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [holdOff, setHoldOff] = useState(0);
  const release = useMutation({
    mutationFn: () => unwrap(releaseContainmentAction({ containmentId, reason, holdOffSeconds: holdOff || undefined })),
  });
  // Refresh once the dialog closes: refreshing on success would drop the released row,
  // and the dialog with its confirmation, from an "active" list before anyone reads it.
  const close = () => {
    setOpen(false);
    if (release.isSuccess) router.refresh();
    setReason("");
    setHoldOff(0);
    release.reset();
  };
  const reasonError = fieldsOf(release.error).reason?.[0];

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} aria-label={`Release ${target}`}>
        Release
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`Release ${target}?`}
        onConfirm={() => release.mutate()}
        pending={release.isPending}
        confirmLabel="Release now"
        pendingLabel="Releasing…"
        variant="danger"
        error={reasonError ? undefined : release.error?.message}
        done={
          release.isSuccess && (
            <div role="status" className="space-y-4 text-sm">
              <p>
                {release.data.alreadyReleased
                  ? `${target} was already released${release.data.releasedBy ? ` by ${release.data.releasedBy}` : ""}. Nothing changed; your request is in the audit log.`
                  : `${target} is released. Firewalls and bouncers drop it at their next pull.`}
              </p>
              <Button onClick={close}>Close</Button>
            </div>
          )
        }
      >
        <p className="text-sm text-slate-600">Enforcement points stop blocking it at their next pull. The release and your reason go in the audit log.</p>
        <QuickReasons reasons={RELEASE_QUICK_REASONS} value={reason} onPick={setReason} />
        <TextField id={`reason-${containmentId}`} label="Reason" value={reason} onChange={setReason} error={reasonError} required />
        <HoldOffField id={`holdoff-${containmentId}`} value={holdOff} onChange={(e) => setHoldOff(Number(e.target.value))} />
      </ConfirmDialog>
    </>
  );
}
