"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createRegistrationAction, updateRegistrationAction } from "@/app/(console)/assets/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { describedBy, FormField, INPUT_CLASS } from "@/components/ui/form-field";
import { CRITICALITIES } from "@/lib/domain/registration-input";
import { ENTITY_KINDS, type TEntityKind } from "@/lib/domain/types";
import { RequirementsFields } from "./requirements-fields";
import { SELECTOR_KIND_LABELS } from "./selector-kind-labels";
import { toPayload, type TRegistrationFormValues, type TRegistrationPayload } from "./registration-form-values";

const PLACEHOLDERS: Record<TEntityKind, string> = {
  ip: "10.20.1.5 or 2001:db8::5",
  cidr: "10.20.0.0/16 or 2001:db8::/48",
  host: "db1.pay.corp.example or *.pay.corp.example",
  account: "svc-backup, CORP\\svc-backup or ada@corp.example",
  app: "Payments API",
};

type TMode = { kind: "create" } | { kind: "edit"; id: string; editVersion: number };

export function RegistrationForm({
  mode,
  initial,
  assetClasses,
  owners,
}: {
  mode: TMode;
  initial: TRegistrationFormValues;
  assetClasses: { key: string; label: string }[];
  /** People a CISO/SOC may register for; null for an owner, who registers for themself. */
  owners: { id: string; name: string }[] | null;
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const set = <K extends keyof TRegistrationFormValues>(key: K, value: TRegistrationFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = useMutation({
    mutationFn: async (payload: TRegistrationPayload) =>
      mode.kind === "create"
        ? unwrap(createRegistrationAction(payload))
        : unwrap(updateRegistrationAction({ ...payload, id: mode.id, editVersion: mode.editVersion })),
    onSuccess: (data) => {
      router.push(`/assets?saved=${encodeURIComponent(data.id)}`);
      router.refresh();
    },
  });
  const errors = { ...fieldsOf(save.error), ...localErrors };
  const error = (key: string) => errors[key]?.[0];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = toPayload(values);
    if (!result.ok) {
      setLocalErrors(result.fieldErrors);
      return;
    }
    setLocalErrors({});
    save.mutate(result.payload);
  }

  const field = (id: string, key: string, hasHint = false) => ({ id, ...describedBy(id, error(key), hasHint) });

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate aria-label={mode.kind === "create" ? "Register a protected asset" : "Edit registration"}>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">What to protect</legend>
        <FormField id="reg-kind" label="Selector kind" error={error("selector.kind")}>
          <select {...field("reg-kind", "selector.kind")} className={INPUT_CLASS} value={values.selectorKind} onChange={(e) => set("selectorKind", e.target.value as TEntityKind)}>
            {ENTITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {SELECTOR_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="reg-value" label="Selector value" error={error("selector.value")}>
          <input {...field("reg-value", "selector.value")} className={`${INPUT_CLASS} font-mono`} value={values.selectorValue} placeholder={PLACEHOLDERS[values.selectorKind]} onChange={(e) => set("selectorValue", e.target.value)} required autoComplete="off" spellCheck={false} />
        </FormField>
        <FormField id="reg-service" label="Business service" error={error("businessService")}>
          <input {...field("reg-service", "businessService")} className={INPUT_CLASS} value={values.businessService} onChange={(e) => set("businessService", e.target.value)} required />
        </FormField>
        <FormField id="reg-unit" label="Business unit" error={error("businessUnit")}>
          <input {...field("reg-unit", "businessUnit")} className={INPUT_CLASS} value={values.businessUnit} onChange={(e) => set("businessUnit", e.target.value)} />
        </FormField>
        <FormField id="reg-class" label="Asset class" error={error("assetClass")}>
          <select {...field("reg-class", "assetClass")} className={INPUT_CLASS} value={values.assetClass} onChange={(e) => set("assetClass", e.target.value)}>
            {assetClasses.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="reg-criticality" label="Criticality" error={error("criticality")}>
          <select {...field("reg-criticality", "criticality")} className={INPUT_CLASS} value={values.criticality} onChange={(e) => set("criticality", e.target.value as TRegistrationFormValues["criticality"])}>
            {CRITICALITIES.map((c) => (
              <option key={c} value={c}>
                {c.charAt(0) + c.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </FormField>
        <div className="sm:col-span-2">
          <FormField id="reg-justification" label="Justification" hint="Why this asset needs special handling: what breaks, for whom, if it is contained." error={error("justification")}>
            <textarea {...field("reg-justification", "justification", true)} className={INPUT_CLASS} rows={3} value={values.justification} onChange={(e) => set("justification", e.target.value)} required />
          </FormField>
        </div>
        <FormField id="reg-oncall" label="On-call contact" hint="Who to call when something is contained: a pager, rota or phone number." error={error("onCallContact")}>
          <input {...field("reg-oncall", "onCallContact", true)} className={INPUT_CLASS} value={values.onCallContact} onChange={(e) => set("onCallContact", e.target.value)} required />
        </FormField>
        {owners && mode.kind === "create" && (
          <FormField id="reg-owner" label="Owner" error={error("ownerId")}>
            <select {...field("reg-owner", "ownerId")} className={INPUT_CLASS} value={values.ownerId} onChange={(e) => set("ownerId", e.target.value)}>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </FormField>
        )}
      </fieldset>

      <RequirementsFields values={values} set={set} error={error} />

      {save.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {save.error.message}
        </p>
      )}
      {Object.keys(localErrors).length > 0 && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          Some fields need fixing.
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => router.push("/assets")}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : mode.kind === "create" ? "Register asset" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
