"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { approveEscalationAction, assignEscalationAction, rejectEscalationAction } from "@/app/(console)/escalations/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, FormField, INPUT_CLASS, TextField } from "@/components/ui/form-field";
import { QuickReasons } from "@/components/ui/quick-reasons";
import { ACTIONS_FOR_TARGET } from "@/lib/domain/escalation-review";
import { formatShortDuration } from "@/lib/domain/go-duration";
import { ACTION_LABELS, type TActionType, type TEntityKind } from "@/lib/domain/types";
import { ApprovalLinkButton } from "./approval-link-button";

/** What the signed-in person may do with this item; the server checks each again. */
export type TAnswerRights = { approve: boolean; reject: boolean; assign: boolean; sendLink: boolean };

type TMode = "approve" | "modify" | "reject";

const QUICK_REASONS = ["False positive", "Known benign activity", "Handled another way"];
const TTL_CHOICES = [900, 1800, 3600, 4 * 3600, 8 * 3600, 24 * 3600];

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
      if (m === "reject") return { kind: "rejected" as const, ...(await unwrap(rejectEscalationAction({ escalationId: id, reason }))) };
      const changes = m === "modify" ? { action, ttlSeconds: ttl ?? undefined } : {};
      return { kind: "approved" as const, ...(await unwrap(approveEscalationAction({ escalationId: id, note: note || undefined, ...changes }))) };
    },
  });
  const assign = useMutation({ mutationFn: () => unwrap(assignEscalationAction({ escalationId: id })), onSuccess: () => router.refresh() });
  const fields = fieldsOf(answer.error);
  const open = (m: TMode) => {
    setReason("");
    setNote("");
    setAction(props.action);
    setTtl(props.ttlSeconds);
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

      <ConfirmDialog
        open={mode !== null}
        onClose={close}
        title={heading}
        onConfirm={() => mode && answer.mutate(mode)}
        pending={answer.isPending}
        confirmLabel={mode === "reject" ? "Reject" : "Approve and execute"}
        variant={mode === "reject" ? "danger" : "primary"}
        error={Object.keys(fields).length === 0 ? answer.error?.message : undefined}
        done={
          answer.isSuccess && (
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
          )
        }
      >
        {mode === "reject" ? (
          <>
            <p className="text-sm text-slate-600">Nothing will be contained. The reason is the record of this reviewed inaction: leadership reviews it like any action.</p>
            <QuickReasons reasons={QUICK_REASONS} value={reason} onPick={setReason} />
            <TextField id={`reject-reason-${id}`} label="Reason" value={reason} onChange={setReason} error={fields.reason?.[0]} />
          </>
        ) : (
          <>
            <p className="text-sm text-slate-600">
              Reflex decides again against today&apos;s policy, protected list and holds before it acts. If anything now protects the target, nothing runs and you are told why.
            </p>
            {mode === "modify" && (
              <>
                <FormField id={`modify-action-${id}`} label="Action" error={fields.action?.[0]}>
                  <select id={`modify-action-${id}`} value={action} onChange={(e) => setAction(e.target.value as TActionType)} {...describedBy(`modify-action-${id}`, fields.action?.[0])} className={INPUT_CLASS}>
                    {ACTIONS_FOR_TARGET[props.targetKind].map((a) => (
                      <option key={a} value={a}>
                        {ACTION_LABELS[a]}
                      </option>
                    ))}
                  </select>
                </FormField>
                <FormField id={`modify-ttl-${id}`} label="Contain for" error={fields.ttlSeconds?.[0]}>
                  <select id={`modify-ttl-${id}`} value={ttl ?? ""} onChange={(e) => setTtl(Number(e.target.value))} {...describedBy(`modify-ttl-${id}`, fields.ttlSeconds?.[0])} className={INPUT_CLASS}>
                    {ttlChoices.map((s) => (
                      <option key={s} value={s}>
                        {formatShortDuration(s)}
                      </option>
                    ))}
                  </select>
                </FormField>
              </>
            )}
            <TextField id={`approve-note-${id}`} label="Note (optional)" value={note} onChange={setNote} error={fields.note?.[0]} />
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}
