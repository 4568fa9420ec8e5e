import { buttonClass } from "@/components/ui/button";
import { FormField, INPUT_CLASS } from "@/components/ui/form-field";
import { LOOKUP_KINDS, type TLookupKind } from "@/lib/domain/lookup-query";

// One search box and a time window, as a GET form: the answer's URL is the permalink.

const KIND_LABELS: Record<TLookupKind, string> = { any: "Any kind", ip: "IP address", cidr: "CIDR range", host: "Host name", account: "Account", app: "Application" };

export function LookupForm({ values }: { values: { entity?: string; kind?: string; from?: string; to?: string } }) {
  return (
    <form method="get" action="/lookup" role="search" aria-label="Bridge-call lookup" className="grid gap-3 md:grid-cols-6">
      <FormField id="lookup-entity" label="IP, CIDR, host name, account or application" className="md:col-span-3">
        <input id="lookup-entity" name="entity" defaultValue={values.entity} required autoFocus placeholder="183.62.140.253, 10.20.0.0/16, web-01.corp.example, svc-settlement" className={INPUT_CLASS} />
      </FormField>
      <FormField id="lookup-kind" label="Read it as">
        <select id="lookup-kind" name="kind" defaultValue={values.kind ?? "any"} className={INPUT_CLASS}>
          {LOOKUP_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="lookup-from" label="From (UTC)">
        <input id="lookup-from" name="from" type="datetime-local" defaultValue={values.from} className={INPUT_CLASS} />
      </FormField>
      <FormField id="lookup-to" label="To (UTC)">
        <input id="lookup-to" name="to" type="datetime-local" defaultValue={values.to} className={INPUT_CLASS} />
      </FormField>
      <div className="flex items-center gap-3 md:col-span-6">
        <button type="submit" className={buttonClass("primary")}>
          Look up
        </button>
        <p className="text-xs text-slate-500">Without a time range: the last 24 hours. An address also finds the ranges containing it; a range finds the addresses inside it.</p>
      </div>
    </form>
  );
}
