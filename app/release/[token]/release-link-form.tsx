"use client";

import { useActionState, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { describedBy, FormField, INPUT_CLASS } from "@/components/ui/form-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { QuickReasons } from "@/components/ui/quick-reasons";
import { HoldOffField, RELEASE_QUICK_REASONS } from "@/components/containments/release-fields";
import { releaseViaLinkAction, type TReleaseLinkState } from "./actions";
import { REFUSAL_TEXT } from "./refusal-text";


/** Confirms the release: a reason (required, it goes in the audit log), optionally a name. */
export function ReleaseLinkForm({ token, target }: { token: string; target: string }) {
  const [state, action, pending] = useActionState<TReleaseLinkState, FormData>(releaseViaLinkAction, { status: "idle" });
  const [reason, setReason] = useState("");
  const formElement = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formElement, pending);
  if (state.status === "released") {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
        {state.alreadyReleased
          ? `${target} had already been released${state.releasedBy ? ` by ${state.releasedBy}` : ""}. Nothing changed; your request is in the audit log.`
          : `${target} is released. Firewalls and bouncers drop it at their next pull. This link cannot be used again.`}
      </p>
    );
  }
  if (state.status === "refused") {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-900">
        {REFUSAL_TEXT[state.refusal].title}. {REFUSAL_TEXT[state.refusal].body}
      </p>
    );
  }
  const reasonError = state.status === "invalid" ? state.fieldErrors.reason?.[0] : undefined;
  return (
    // React resets a form action's fields when it returns (form.reset()): a refused reason would
    // also clear the name and the hold-off. The reset is cancelled; after a release the form is
    // gone anyway. The name and the hold-off stay uncontrolled, so that what was filled in
    // before the page's script loaded is kept.
    <form ref={formElement} action={action} onReset={(event) => event.preventDefault()} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <QuickReasons reasons={RELEASE_QUICK_REASONS} value={reason} onPick={setReason} />
      <FormField id="release-reason" label="Why release it?" error={reasonError}>
        <input id="release-reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required {...describedBy("release-reason", reasonError)} className={INPUT_CLASS} />
      </FormField>
      <FormField id="release-name" label="Your name (optional, recorded next to the link's addressee)">
        <input id="release-name" name="name" maxLength={100} className={INPUT_CLASS} />
      </FormField>
      <HoldOffField id="release-holdoff" name="holdOffSeconds" defaultValue="0" />
      {state.status === "error" && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass("danger")}>
        {pending ? "Releasing…" : `Release ${target} now`}
      </button>
    </form>
  );
}
