"use client";

import { useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { QuickReasons } from "@/components/ui/quick-reasons";
import { releaseViaLinkAction, type TReleaseLinkState } from "./actions";
import { REFUSAL_TEXT } from "./refusal-text";

const QUICK_REASONS = ["False positive", "Business impact", "Resolved"];
const HOLD_OFF = [
  { label: "No hold-off", seconds: 0 },
  { label: "1 hour", seconds: 3600 },
  { label: "24 hours", seconds: 86_400 },
];

/** Confirms the release: a reason (required, it goes in the audit log), optionally a name. */
export function ReleaseLinkForm({ token, target }: { token: string; target: string }) {
  const [state, action, pending] = useActionState<TReleaseLinkState, FormData>(releaseViaLinkAction, { status: "idle" });
  const [reason, setReason] = useState("");
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
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <QuickReasons reasons={QUICK_REASONS} value={reason} onPick={setReason} />
      <div>
        <label htmlFor="release-reason" className="block text-sm font-medium text-slate-700">
          Why release it?
        </label>
        <input id="release-reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required aria-invalid={Boolean(reasonError)} aria-describedby={reasonError ? "release-reason-error" : undefined} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        {reasonError && (
          <p id="release-reason-error" className="mt-1 text-sm text-red-700">
            {reasonError}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="release-name" className="block text-sm font-medium text-slate-700">
          Your name (optional, recorded next to the link&apos;s addressee)
        </label>
        <input id="release-name" name="name" maxLength={100} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
      </div>
      <div>
        <label htmlFor="release-holdoff" className="block text-sm font-medium text-slate-700">
          Hold off re-containment
        </label>
        <select id="release-holdoff" name="holdOffSeconds" defaultValue="0" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
          {HOLD_OFF.map((h) => (
            <option key={h.seconds} value={h.seconds}>
              {h.label}
            </option>
          ))}
        </select>
      </div>
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
