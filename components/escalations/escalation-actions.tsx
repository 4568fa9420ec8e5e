"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { approveEscalationAction, assignEscalationAction, rejectEscalationAction } from "@/app/(console)/escalations/actions";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { QuickReasons } from "@/components/ui/quick-reasons";
import { Dialog } from "@/components/ui/dialog";
import { ACTIONS_FOR_TARGET } from "@/lib/domain/escalation-review";
import { formatShortDuration } from "@/lib/domain/go-duration";
import { ACTION_LABELS, type TActionType, type TEntityKind } from "@/lib/domain/types";
import type { TActionResult } from "@/lib/server/action-client";
import { ApprovalLinkButton } from "./approval-link-button";

/** What the signed-in person may do with this item; the server checks each again. */
export type TAnswerRights = { approve: boolean; reject: boolean; assign: boolean; sendLink: boolean };

type TMode = "approve" | "modify" | "reject";
type TFailure = Error & { fields?: Record<string, string[]> };

const QUICK_REASONS = ["False positive", "Known benign activity", "Handled another way"];
const TTL_CHOICES = [900, 1800, 3600, 4 * 3600, 8 * 3600, 24 * 3600];

async function unwrap<T>(result: TActionResult<T>): Promise<T> {
  if (!result.ok) throw Object.assign(new Error(result.message), { fields: result.fieldErrors });
  return result.data;
}

export function EscalationActions(props: {
  escalationId: string;
  title: string;
  targetKind: TEntityKind;
  action: TActionType;
  ttlSeconds: number | null;
  approvers: string[];
  assigneeName: string | null;
  rights: TAnswerRights;
}) {
  const router = useRouter();
  const [mode, setMode] = useState<TMode | null>(null);
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [action, setAction] = useState<TActionType>(props.action);
  const [ttl, setTtl] = useState<number | null>(props.ttlSeconds);
  const id = props.escalationId;

  const answer = useMutation({
    mutationFn: async (m: TMode) => {
      if (m === "reject") return { kind: "rejected" as const, ...(await unwrap(await rejectEscalationAction({ escalationId: id, reason }))) };
      const changes = m === "modify" ? { action, ttlSeconds: ttl ?? undefined } : {};
      return { kind: "approved" as const, ...(await unwrap(await approveEscalationAction({ escalationId: id, note: note || undefined, ...changes }))) };
    },
  });
  const assign = useMutation({ mutationFn: async () => unwrap(await assignEscalationAction({ escalationId: id })), onSuccess: () => router.refresh() });
  const fields = (answer.error as TFailure | null)?.fields ?? {};
  const open = (m: TMode) => {
    answer.reset();
    setMode(m);
  };
  // Refresh once the dialog closes, so the answer stays readable until then.
  const close = () => {
    setMode(null);
    if (answer.isSuccess) router.refresh();
  };
  const ttlChoices = TTL_CHOICES.filter((s) => props.ttlSeconds === null || s <= props.ttlSeconds);
  const heading = mode === "reject" ? `Reject ${props.title}?` : mode === "modify" ? `Modify and approve ${props.title}?` : `Approve ${props.title}?`;

  return (
    <div className="mt-4 flex flex-wrap items-center gap-2">
      {props.rights.approve && (
        <>
          <Button onClick={() => open("approve")} aria-label={`Approve ${props.title}`}>
            Approve
          </Button>
          <Button variant="secondary" onClick={() => open("modify")} aria-label={`Modify ${props.title}`}>
            Modify…
          </Button>
        </>
      )}
      {props.rights.reject && (
        <Button variant="secondary" onClick={() => open("reject")} aria-label={`Reject ${props.title}`}>
          Reject…
        </Button>
      )}
      {props.rights.assign && !props.assigneeName && (
        <Button variant="ghost" onClick={() => assign.mutate()} disabled={assign.isPending}>
          Take it
        </Button>
      )}
      {!props.rights.approve && props.approvers.length > 0 && (
        <span className="text-sm text-slate-600">
          {props.approvers.length > 1 ? `Needs ${props.approvers.join(" and ")} together: contain it by hand with all of them, or reject it.` : `Only ${props.approvers[0]} may approve this.`}
        </span>
      )}
      {props.rights.sendLink && <ApprovalLinkButton escalationId={id} approvers={props.approvers} title={props.title} />}
      {assign.isError && (
        <p role="alert" className="text-sm text-red-700">
          {assign.error.message}
        </p>
      )}

      <Dialog open={mode !== null} onClose={close} title={heading}>
        {answer.isSuccess ? (
          <div role="status" className="space-y-4 text-sm">
            {answer.data.kind === "rejected" ? (
              <p>Rejected. Nothing was contained; your reason is on record as a reviewed inaction.</p>
            ) : answer.data.outcome === "executed" ? (
              <p>
                Approved: {ACTION_LABELS[answer.data.action]} runs for {formatShortDuration(answer.data.ttlSeconds)}
                {answer.data.alreadyContained ? " (the target was already contained; nothing new was enforced)" : ". Enforcement points pick it up at their next pull."}{" "}
                <a className="font-medium text-indigo-700 underline" href={`/containments/${answer.data.containmentId}`}>
                  View the containment
                </a>
              </p>
            ) : (
              <div>
                <p className="font-medium">Not executed: the decision has changed since this was escalated.</p>
                <ul className="mt-2 list-disc pl-5">
                  {answer.data.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
                <p className="mt-2">The escalation is closed as superseded.</p>
              </div>
            )}
            <Button onClick={close}>Close</Button>
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (mode) answer.mutate(mode);
            }}
          >
            {mode === "reject" ? (
              <>
                <p className="text-sm text-slate-600">Nothing will be contained. The reason is the record of this reviewed inaction: leadership reviews it like any action.</p>
                <QuickReasons reasons={QUICK_REASONS} value={reason} onPick={setReason} />
                <FormField id={`reject-reason-${id}`} label="Reason" error={fields.reason?.[0]}>
                  <input id={`reject-reason-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
                </FormField>
              </>
            ) : (
              <>
                <p className="text-sm text-slate-600">
                  Reflex decides again against today&apos;s policy, protected list and holds before it acts. If anything now protects the target, nothing runs and you are told why.
                </p>
                {mode === "modify" && (
                  <>
                    <FormField id={`modify-action-${id}`} label="Action" error={fields.action?.[0]}>
                      <select id={`modify-action-${id}`} value={action} onChange={(e) => setAction(e.target.value as TActionType)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
                        {ACTIONS_FOR_TARGET[props.targetKind].map((a) => (
                          <option key={a} value={a}>
                            {ACTION_LABELS[a]}
                          </option>
                        ))}
                      </select>
                    </FormField>
                    <FormField id={`modify-ttl-${id}`} label="Contain for" error={fields.ttlSeconds?.[0]}>
                      <select id={`modify-ttl-${id}`} value={ttl ?? ""} onChange={(e) => setTtl(Number(e.target.value))} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
                        {ttlChoices.map((s) => (
                          <option key={s} value={s}>
                            {formatShortDuration(s)}
                          </option>
                        ))}
                      </select>
                    </FormField>
                  </>
                )}
                <FormField id={`approve-note-${id}`} label="Note (optional)" error={fields.note?.[0]}>
                  <input id={`approve-note-${id}`} value={note} onChange={(e) => setNote(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
                </FormField>
              </>
            )}
            {answer.isError && Object.keys(fields).length === 0 && (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {answer.error.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setMode(null)}>
                Cancel
              </Button>
              <Button type="submit" variant={mode === "reject" ? "danger" : "primary"} disabled={answer.isPending}>
                {mode === "reject" ? "Reject" : "Approve and execute"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </div>
  );
}
