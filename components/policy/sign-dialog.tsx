"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signPolicyAction } from "@/app/(console)/policy/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, FormField, INPUT_CLASS } from "@/components/ui/form-field";
import { fieldsOf, unwrap } from "./action-result";
import { AutonomySummary } from "./autonomy-summary";
import type { TSignSummary } from "./sign-section";

/**
 * Password re-entry (or a fresh SSO sign-in) and the final summary, then the signature. Kept
 * mounted and closed through `open`, so that focus goes back to the button that opened it;
 * closing starts it over.
 */
export function SignDialog(props: TSignSummary & { hasPassword: boolean; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const sign = useMutation({
    mutationFn: () =>
      unwrap(signPolicyAction({ versionId: props.versionId, expectedEditVersion: props.editVersion, expectedActiveVersion: props.activeVersion, password })),
    onSuccess: () => {
      close();
      router.refresh();
    },
  });
  function close() {
    setPassword("");
    sign.reset();
    props.onClose();
  }
  const passwordError = fieldsOf(sign.error).password?.[0];

  return (
    <ConfirmDialog
      open={props.open}
      onClose={close}
      title={`Sign policy v${props.version}?`}
      onConfirm={() => sign.mutate()}
      pending={sign.isPending}
      confirmLabel={`Sign and activate v${props.version}`}
      pendingLabel="Signing…"
      error={sign.isError && !passwordError ? sign.error.message : undefined}
    >
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
        <FormField id="sign-password" label="Your password (re-enter it to sign)" error={passwordError}>
          <input
            id="sign-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            {...describedBy("sign-password", passwordError)}
            className={INPUT_CLASS}
          />
        </FormField>
      ) : (
        <p className="text-sm text-slate-700">You sign in with SSO: signing needs an SSO sign-in within the last 5 minutes. If it has been longer, sign out and in again first.</p>
      )}
    </ConfirmDialog>
  );
}
