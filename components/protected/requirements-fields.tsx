"use client";

import { describedBy, FieldError, FormField, INPUT_CLASS } from "@/components/ui/form-field";
import { ACTION_LABELS, ACTION_TYPES, type TActionType } from "@/lib/domain/types";
import { MaintenanceWindowsField } from "./maintenance-windows-field";
import type { TRegistrationFormValues } from "./registration-form-values";

type TSet = <K extends keyof TRegistrationFormValues>(key: K, value: TRegistrationFormValues[K]) => void;

const CHECK = "h-4 w-4 rounded border-slate-300 text-indigo-600";

/** The owner's containment requirements; each one only ever makes Reflex more careful. */
export function RequirementsFields({ values, set, error }: { values: TRegistrationFormValues; set: TSet; error: (key: string) => string | undefined }) {
  const toggleAction = (action: TActionType, on: boolean) =>
    set("allowedActions", on ? ACTION_TYPES.filter((a) => a === action || values.allowedActions.includes(a)) : values.allowedActions.filter((a) => a !== action));
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-base font-semibold text-slate-900">Containment requirements</legend>
      <p className="text-sm text-slate-600">Leave everything unset to accept the signed policy as it is. Where registrations overlap, the strictest requirement of each applies.</p>

      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className={`${CHECK} mt-0.5`} checked={values.neverAutomatic} onChange={(e) => set("neverAutomatic", e.target.checked)} />
        <span>
          <span className="font-medium text-slate-800">Never contain automatically</span>
          <span className="block text-slate-500">Every proposed containment goes to a person first.</span>
        </span>
      </label>

      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" className={CHECK} checked={values.restrictActions} onChange={(e) => set("restrictActions", e.target.checked)} aria-controls="reg-actions" />
          Only these actions
        </label>
        {values.restrictActions && (
          <fieldset id="reg-actions" className="mt-2 ml-6 flex flex-wrap gap-x-4 gap-y-2" {...describedBy("reg-actions", error("requirements.allowedActions"))}>
            <legend className="sr-only">Allowed actions</legend>
            {ACTION_TYPES.map((a) => (
              <label key={a} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" className={CHECK} checked={values.allowedActions.includes(a)} onChange={(e) => toggleAction(a, e.target.checked)} />
                {ACTION_LABELS[a]}
              </label>
            ))}
          </fieldset>
        )}
        <div className="ml-6">
          <FieldError id="reg-actions" error={error("requirements.allowedActions")} />
        </div>
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id="reg-approval" label="Only with approval of" hint="A named person or group; containment waits for them." error={error("requirements.approvalBy")}>
          <input id="reg-approval" {...describedBy("reg-approval", error("requirements.approvalBy"), true)} className={INPUT_CLASS} value={values.approvalBy} onChange={(e) => set("approvalBy", e.target.value)} />
        </FormField>
        <FormField id="reg-ttl" label="Maximum TTL" hint="Longest containment, e.g. 4h, 30m or 1d." error={error("requirements.maxTtlSeconds")}>
          <input id="reg-ttl" {...describedBy("reg-ttl", error("requirements.maxTtlSeconds"), true)} className={INPUT_CLASS} value={values.maxTtl} onChange={(e) => set("maxTtl", e.target.value)} placeholder="no cap" />
        </FormField>
        <FormField id="reg-preferred" label="Preferred alternative action" hint="Recommended to responders instead; never automatic." error={error("requirements.preferredAction")}>
          <select id="reg-preferred" {...describedBy("reg-preferred", error("requirements.preferredAction"), true)} className={INPUT_CLASS} value={values.preferredAction} onChange={(e) => set("preferredAction", e.target.value as TActionType | "")}>
            <option value="">None</option>
            {ACTION_TYPES.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </FormField>
      </div>

      <MaintenanceWindowsField windows={values.windows} onChange={(w) => set("windows", w)} error={error} />
    </fieldset>
  );
}
