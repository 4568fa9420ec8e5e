"use client";

import { useRef, type ReactNode } from "react";
import { Button, type TButtonVariant } from "./button";
import { Dialog } from "./dialog";
import { useFocusFirstInvalid } from "./use-focus-first-invalid";

type TConfirmDialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  onConfirm: () => void;
  pending: boolean;
  confirmLabel: string;
  pendingLabel?: string;
  variant?: TButtonVariant;
  cancelLabel?: string;
  /** Besides `pending`: the action cannot run yet (nothing chosen). */
  disabled?: boolean;
  /** The server's refusal when no field shows it. */
  error?: string;
  /** Once the action has run: its outcome, read in place of the form before the dialog closes. */
  done?: ReactNode;
  children: ReactNode;
};

/**
 * Asks before an action runs. Kept mounted and closed through `open`, so the native dialog
 * hands focus back to the button that opened it; the caller resets its state in `onClose`
 * so that the dialog starts over. A form, so Enter in a field confirms. While the action
 * runs it cannot be closed: closing resets the caller's state, and the action's refusal or
 * outcome would then never be shown.
 */
export function ConfirmDialog(props: TConfirmDialogProps) {
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, props.pending);
  return (
    <Dialog open={props.open} onClose={props.onClose} title={props.title} busy={props.pending}>
      {props.done ? (
        props.done
      ) : (
        <form
          ref={form}
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            props.onConfirm();
          }}
        >
          {props.children}
          {props.error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {props.error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={props.onClose} disabled={props.pending}>
              {props.cancelLabel ?? "Cancel"}
            </Button>
            <Button type="submit" variant={props.variant} disabled={props.pending || props.disabled}>
              {props.pending ? (props.pendingLabel ?? props.confirmLabel) : props.confirmLabel}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
