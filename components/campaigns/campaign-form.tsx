"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { editCampaignAction, openCampaignAction } from "@/app/(console)/campaigns/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { describedBy, FormField, INPUT_CLASS } from "@/components/ui/form-field";

export type TCampaignFormValues = {
  name: string;
  scopeAssetClasses: string[];
  businessUnits: string;
  opensOn: string;
  deadlineOn: string;
  cadenceDays: string;
  reminderDays: string;
};

/** Opens a campaign, or edits one when `campaignId` is given. Field errors come from the server's schema. */
export function CampaignForm({ campaignId, initial, assetClasses }: { campaignId?: string; initial: TCampaignFormValues; assetClasses: { key: string; label: string }[] }) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const set = <K extends keyof TCampaignFormValues>(key: K, value: TCampaignFormValues[K]) => setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const payload = {
        name: form.name,
        scopeAssetClasses: form.scopeAssetClasses,
        scopeBusinessUnits: form.businessUnits.split(",").map((u) => u.trim()).filter(Boolean),
        opensOn: form.opensOn,
        deadlineOn: form.deadlineOn,
        cadenceDays: form.cadenceDays,
        reminderDaysBefore: form.reminderDays,
      };
      return unwrap(campaignId ? editCampaignAction({ campaignId, ...payload }) : openCampaignAction(payload));
    },
    onSuccess: (saved) => {
      router.push(`/campaigns/${saved.id}`);
      router.refresh();
    },
  });
  const fields = fieldsOf(save.error);
  const first = (key: string) => fields[key]?.[0] ?? Object.entries(fields).find(([k]) => k.startsWith(`${key}.`))?.[1][0];
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const toggle = (key: string) =>
    set("scopeAssetClasses", form.scopeAssetClasses.includes(key) ? form.scopeAssetClasses.filter((k) => k !== key) : [...form.scopeAssetClasses, key]);
  return (
    <form onSubmit={onSubmit} aria-label={campaignId ? "Edit campaign" : "Open a campaign"} className="space-y-5">
      <FormField id="campaign-name" label="Name" error={first("name")}>
        <input id="campaign-name" value={form.name} onChange={(e) => set("name", e.target.value)} className={INPUT_CLASS} {...describedBy("campaign-name", first("name"), false)} />
      </FormField>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Scope: asset classes</legend>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
          {assetClasses.map((c) => (
            <label key={c.key} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={form.scopeAssetClasses.includes(c.key)} onChange={() => toggle(c.key)} />
              {c.label}
            </label>
          ))}
        </div>
        {first("scopeAssetClasses") && <p className="mt-1 text-sm text-red-700">{first("scopeAssetClasses")}</p>}
      </fieldset>
      <FormField id="campaign-units" label="Scope: business units" error={first("scopeBusinessUnits")} hint="Comma-separated, e.g. Payments, Retail. An asset is in scope when its class or its business unit is.">
        <input id="campaign-units" value={form.businessUnits} onChange={(e) => set("businessUnits", e.target.value)} className={INPUT_CLASS} {...describedBy("campaign-units", first("scopeBusinessUnits"), true)} />
      </FormField>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="campaign-opens" label="Opening date" error={first("opensOn")} hint="From the start of this day (UTC).">
          <input id="campaign-opens" type="date" value={form.opensOn} onChange={(e) => set("opensOn", e.target.value)} className={INPUT_CLASS} {...describedBy("campaign-opens", first("opensOn"), true)} />
        </FormField>
        <FormField id="campaign-deadline" label="Deadline" error={first("deadlineOn")} hint="Until the end of this day (UTC). Unregistered assets get the default policy after it.">
          <input id="campaign-deadline" type="date" value={form.deadlineOn} onChange={(e) => set("deadlineOn", e.target.value)} className={INPUT_CLASS} {...describedBy("campaign-deadline", first("deadlineOn"), true)} />
        </FormField>
        <FormField id="campaign-cadence" label="Re-certification cadence (days)" error={first("cadenceDays")} hint="Registrations expire this many days after each certification: 90 is quarterly, 365 yearly.">
          <input id="campaign-cadence" inputMode="numeric" value={form.cadenceDays} onChange={(e) => set("cadenceDays", e.target.value)} className={INPUT_CLASS} {...describedBy("campaign-cadence", first("cadenceDays"), true)} />
        </FormField>
        <FormField id="campaign-reminders" label="Reminders (days before the deadline)" error={first("reminderDaysBefore")} hint="e.g. 14, 7, 1. Owners get an in-app notice and the outbound webhook a post at each point.">
          <input id="campaign-reminders" value={form.reminderDays} onChange={(e) => set("reminderDays", e.target.value)} className={INPUT_CLASS} {...describedBy("campaign-reminders", first("reminderDaysBefore"), true)} />
        </FormField>
      </div>
      {save.isError && Object.keys(fields).length === 0 && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {save.error.message}
        </p>
      )}
      {save.isError && Object.keys(fields).length > 0 && (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      )}
      <Button type="submit" disabled={save.isPending}>
        {campaignId ? "Save campaign" : "Open campaign"}
      </Button>
    </form>
  );
}
