import { formatShortDuration, parseDuration } from "@/lib/domain/go-duration";
import type { TCriticality, TRegistrationInput } from "@/lib/domain/registration-input";
import type { TActionType, TContainmentRequirements, TEntityKind, TMaintenanceWindow } from "@/lib/domain/types";

// The registration form's state as the inputs hold it (strings and checkboxes), and the
// action input it becomes. The server validates again; only the TTL text is checked here
// because the server takes seconds.

export type TRegistrationFormValues = {
  selectorKind: TEntityKind;
  selectorValue: string;
  businessService: string;
  businessUnit: string;
  assetClass: string;
  criticality: TCriticality;
  justification: string;
  onCallContact: string;
  ownerId: string;
  neverAutomatic: boolean;
  restrictActions: boolean;
  allowedActions: TActionType[];
  approvalBy: string;
  maxTtl: string;
  preferredAction: TActionType | "";
  windows: TMaintenanceWindow[];
};

/** What the form starts from: a registration's fields and its owner. */
export type TRegistrationInitial = TRegistrationInput & { ownerId: string };

export function emptyValues(assetClass: string, ownerId: string): TRegistrationFormValues {
  return {
    selectorKind: "ip", selectorValue: "", businessService: "", businessUnit: "", assetClass, criticality: "HIGH", justification: "", onCallContact: "", ownerId,
    neverAutomatic: false, restrictActions: false, allowedActions: [], approvalBy: "", maxTtl: "", preferredAction: "", windows: [],
  };
}

export function valuesOf(initial: TRegistrationInitial): TRegistrationFormValues {
  const r = initial.requirements;
  return {
    selectorKind: initial.selector.kind,
    selectorValue: initial.selector.value,
    businessService: initial.businessService,
    businessUnit: initial.businessUnit,
    assetClass: initial.assetClass,
    criticality: initial.criticality,
    justification: initial.justification,
    onCallContact: initial.onCallContact,
    ownerId: initial.ownerId,
    neverAutomatic: r.neverAutomatic,
    restrictActions: r.allowedActions !== null,
    allowedActions: r.allowedActions ?? [],
    approvalBy: r.approvalBy ?? "",
    maxTtl: r.maxTtlSeconds === null ? "" : formatShortDuration(r.maxTtlSeconds),
    preferredAction: r.preferredAction ?? "",
    windows: r.maintenanceWindows,
  };
}

/** What the form sends: the registration as stored, the owner only when the person may choose one. */
export type TRegistrationPayload = Omit<TRegistrationInitial, "ownerId"> & { ownerId?: string };

/** The action input, or the field errors found before sending (keyed like the server's). */
export function toPayload(v: TRegistrationFormValues): { ok: true; payload: TRegistrationPayload } | { ok: false; fieldErrors: Record<string, string[]> } {
  const ttl = v.maxTtl.trim() === "" ? null : parseDuration(v.maxTtl);
  if (ttl && !ttl.ok) return { ok: false, fieldErrors: { "requirements.maxTtlSeconds": [ttl.error] } };
  return {
    ok: true,
    payload: {
      selector: { kind: v.selectorKind, value: v.selectorValue },
      businessService: v.businessService,
      businessUnit: v.businessUnit,
      assetClass: v.assetClass,
      criticality: v.criticality,
      justification: v.justification,
      onCallContact: v.onCallContact,
      ...(v.ownerId ? { ownerId: v.ownerId } : {}),
      requirements: {
        neverAutomatic: v.neverAutomatic,
        allowedActions: v.restrictActions ? v.allowedActions : null,
        approvalBy: v.approvalBy.trim() || null,
        maxTtlSeconds: ttl ? ttl.value : null,
        preferredAction: v.preferredAction || null,
        maintenanceWindows: v.windows,
      },
    },
  };
}
