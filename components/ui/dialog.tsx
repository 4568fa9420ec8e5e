"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

/** A modal on the native <dialog>: focus trap, Escape to close and the backdrop come free. */
/** `busy`: an action started here is still running, and Escape must not leave it unseen. */
export function Dialog({ open, onClose, title, busy = false, children }: { open: boolean; onClose: () => void; title: string; busy?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={() => {
        // Browsers honour a cancelled Escape only once until the next click: a second Escape
        // closes the dialog regardless. While busy, it opens again instead of telling the caller.
        if (busy && open) ref.current?.showModal();
        else onClose();
      }}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      aria-labelledby={titleId}
      className="m-auto w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="px-6 py-5">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <div className="mt-3">{children}</div>
      </div>
    </dialog>
  );
}
