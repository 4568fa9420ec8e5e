// A playbook: the observe and assess steps of the loop for one kind of alert. Pure: no
// database, no clock, no randomness. The pipeline asks it which context it needs
// (`questions`), has the context store answer them, then asks it for a proposal
// (`propose`); a backtest feeds it stored answers instead, and gets the same proposal.
import type { z } from "zod";
import type { TActionType, TNormalizedAlert, TProposal, TRegistration } from "@/lib/domain/types";
import type { TContextAnswers, TContextQuestion } from "./context-questions";

export type TProposeInput<P> = {
  alert: TNormalizedAlert;
  params: P;
  /** The version of the playbook's stored definition the params come from. */
  version: number;
  /** Answers to `questions(alert, params)`; null when the context source was unavailable. */
  answers: TContextAnswers | null;
  /** Protected-list registrations matching the alert's target (active ones). */
  registrations: readonly TRegistration[];
};

// Methods (not function-valued properties) on purpose: a TPlaybook<TBruteForceParams> is
// then usable as a TPlaybook<unknown> in the registry, and the pipeline hands each
// playbook the params its own ZParams parsed.
export type TPlaybook<P = unknown> = {
  /** Stable id, stored in Playbook.key, decisions and audit events. */
  key: string;
  name: string;
  description: string;
  /** The action it usually proposes (a parameter may choose another for some alerts). */
  action: TActionType;
  reversible: boolean;
  /** The SOC-editable parameters; every field has a default, so `parse({})` is valid. */
  ZParams: z.ZodType<P>;
  defaultParams: P;
  matches(alert: TNormalizedAlert): boolean;
  questions(alert: TNormalizedAlert, params: P): TContextQuestion[];
  propose(input: TProposeInput<P>): TProposal;
};
