"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { formatShortDuration } from "@/lib/domain/go-duration";
import { answerViaLinkAction, type TApproveLinkState } from "./actions";
import { APPROVAL_REFUSAL_TEXT } from "./refusal-text";

/** Approve (optionally with a note) or reject (reason required) through the link. */
export function ApproveLinkForm({ token, title }: { token: string; title: string }) {
  const [state, action, pending] = useActionState<TApproveLinkState, FormData>(answerViaLinkAction, { status: "idle" });
  if (state.status === "approved") {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-4 py-3 text-emerald-900">
        Approved: {title} runs for {formatShortDuration(state.ttl)}. This link cannot be used again.
      </p>
    );
  }
  if (state.status === "rejected") {
    return (
      <p role="status" className="rounded-md bg-slate-50 px-4 py-3 text-slate-900">
        Rejected: nothing is contained. Your reason is on record. This link cannot be used again.
      </p>
    );
  }
  if (state.status === "superseded") {
    return (
      <div role="status" className="rounded-md bg-amber-50 px-4 py-3 text-amber-900">
        <p className="font-medium">Not executed: the decision has changed since you were asked.</p>
        <ul className="mt-2 list-disc pl-5">
          {state.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (state.status === "refused") {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-red-900">
        {APPROVAL_REFUSAL_TEXT[state.refusal].title}. {APPROVAL_REFUSAL_TEXT[state.refusal].body}
      </p>
    );
  }
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  return (
    <div className="space-y-6">
      <form action={action} className="space-y-3">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="answer" value="approve" />
        <label htmlFor="approve-note" className="block font-medium text-slate-700">
          Note (optional)
        </label>
        <input id="approve-note" name="note" maxLength={500} className="block w-full rounded-md border border-slate-300 px-3 py-2" />
        <button type="submit" disabled={pending} className={buttonClass("primary")}>
          Approve {title}
        </button>
      </form>
      <form action={action} className="space-y-3 border-t border-slate-200 pt-4">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="answer" value="reject" />
        <label htmlFor="reject-reason" className="block font-medium text-slate-700">
          Or reject it, saying why
        </label>
        <input id="reject-reason" name="reason" aria-invalid={Boolean(errors.reason)} aria-describedby={errors.reason ? "reject-reason-error" : undefined} className="block w-full rounded-md border border-slate-300 px-3 py-2" />
        {errors.reason && (
          <p id="reject-reason-error" className="text-sm text-red-700">
            {errors.reason[0]}
          </p>
        )}
        <button type="submit" disabled={pending} className={buttonClass("secondary")}>
          Reject
        </button>
      </form>
      {state.status === "error" && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          {state.message}
        </p>
      )}
    </div>
  );
}
