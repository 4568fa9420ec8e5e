"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signPolicyAction } from "@/app/(console)/policy/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fieldsOf, unwrap } from "./action-result";
import { AutonomySummary } from "./autonomy-summary";
import type { TSignSummary } from "./sign-section";

/** Password re-entry (or a fresh SSO sign-in) and the final summary, then the signature. */
export function SignDialog(props: TSignSummary & { hasPassword: boolean; onClose: () => void }) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const sign = useMutation({
    mutationFn: () =>
      unwrap(signPolicyAction({ versionId: props.versionId, expectedEditVersion: props.editVersion, expectedActiveVersion: props.activeVersion, password })),
    onSuccess: () => {
      setPassword("");
      props.onClose();
      router.refresh();
    },
  });
  const passwordError = fieldsOf(sign.error).password?.[0];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    sign.mutate();
  }

  return (
    <Dialog open onClose={props.onClose} title={`Sign policy v${props.version}?`}>
      <form onSubmit={onSubmit} className="space-y-4">
        <p className="text-sm text-slate-700">
          {props.activeVersion
            ? `v${props.version} becomes the active policy at once and v${props.activeVersion} is superseded. Decisions already under way finish under v${props.activeVersion}; every later one names v${props.version}.`
            : `v${props.version} becomes the active policy at once.`}
        </p>
        <AutonomySummary shift={props.shift} activeVersion={props.activeVersion} />
        <p className="text-sm text-slate-600">
          {props.changeCount === null ? "" : `${props.changeCount} change${props.changeCount === 1 ? "" : "s"} in all. `}
          {props.lastBacktest ? `Last backtest: ${props.lastBacktest}` : "Not backtested yet."}
        </p>
        {props.hasPassword ? (
          <div>
            <label htmlFor="sign-password" className="block text-sm font-medium text-slate-700">
              Your password (re-enter it to sign)
            </label>
            <input
              id="sign-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              aria-invalid={Boolean(passwordError)}
              aria-describedby={passwordError ? "sign-password-error" : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            {passwordError && (
              <p id="sign-password-error" className="mt-1 text-sm text-red-700">
                {passwordError}
              </p>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-700">You sign in with SSO: signing needs an SSO sign-in within the last 5 minutes. If it has been longer, sign out and in again first.</p>
        )}
        {sign.isError && !passwordError && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {sign.error.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={sign.isPending}>
            {sign.isPending ? "Signing…" : `Sign and activate v${props.version}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
