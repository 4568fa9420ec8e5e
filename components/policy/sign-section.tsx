"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { TAutonomyShift } from "@/lib/domain/policy-diff";
import type { TPolicyProblem } from "@/lib/domain/policy-signing-checks";
import { AutonomySummary } from "./autonomy-summary";
import { SignDialog } from "./sign-dialog";

export type TSignSummary = {
  versionId: string;
  version: number;
  editVersion: number;
  activeVersion: number | null;
  shift: TAutonomyShift;
  /** Changes from the active policy; null when none is active. */
  changeCount: number | null;
  lastBacktest: string | null;
};

/** The final summary before signing, and the sign button for the CISO (nobody else sees it). */
export function SignSection(props: TSignSummary & { problems: TPolicyProblem[]; dirty: boolean; canSign: boolean; hasPassword: boolean }) {
  const [open, setOpen] = useState(false);
  const blocked = props.problems.length > 0 || props.dirty;
  return (
    <Card title="Sign and activate" description="Signing makes this draft the active policy at once; the version in force now is superseded. A signed version never changes.">
      <AutonomySummary shift={props.shift} activeVersion={props.activeVersion} />
      {props.problems.length > 0 && (
        <div className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-semibold">This draft cannot be signed yet:</p>
          <ul className="mt-1 list-disc pl-5" aria-label="Signing problems">
            {props.problems.map((p) => (
              <li key={`${p.path}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {props.canSign ? (
        <div className="mt-4 flex items-center gap-3">
          <Button onClick={() => setOpen(true)} disabled={blocked}>
            Sign and activate v{props.version}
          </Button>
          {props.dirty && <span className="text-sm text-slate-600">Save your changes first.</span>}
        </div>
      ) : (
        <p className="mt-4 text-sm text-slate-600">Only a CISO can sign a policy version.</p>
      )}
      {props.canSign && <SignDialog {...props} open={open} onClose={() => setOpen(false)} />}
    </Card>
  );
}
