import { buttonClass } from "@/components/ui/button";
import { LOOKUP_KINDS, type TLookupKind } from "@/lib/domain/lookup-query";

// One search box and a time window, as a GET form: the answer's URL is the permalink.

const KIND_LABELS: Record<TLookupKind, string> = { any: "Any kind", ip: "IP address", cidr: "CIDR range", host: "Host name", account: "Account", app: "Application" };
const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
const label = "block text-sm font-medium text-slate-700";

export function LookupForm({ values }: { values: { entity?: string; kind?: string; from?: string; to?: string } }) {
  return (
    <form method="get" action="/lookup" role="search" aria-label="Bridge-call lookup" className="grid gap-3 md:grid-cols-6">
      <div className="md:col-span-3">
        <label htmlFor="lookup-entity" className={label}>
          IP, CIDR, host name, account or application
        </label>
        <input id="lookup-entity" name="entity" defaultValue={values.entity} required autoFocus placeholder="183.62.140.253, 10.20.0.0/16, web-01.corp.example, svc-settlement" className={field} />
      </div>
      <div>
        <label htmlFor="lookup-kind" className={label}>
          Read it as
        </label>
        <select id="lookup-kind" name="kind" defaultValue={values.kind ?? "any"} className={field}>
          {LOOKUP_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="lookup-from" className={label}>
          From (UTC)
        </label>
        <input id="lookup-from" name="from" type="datetime-local" defaultValue={values.from} className={field} />
      </div>
      <div>
        <label htmlFor="lookup-to" className={label}>
          To (UTC)
        </label>
        <input id="lookup-to" name="to" type="datetime-local" defaultValue={values.to} className={field} />
      </div>
      <div className="flex items-center gap-3 md:col-span-6">
        <button type="submit" className={buttonClass("primary")}>
          Look up
        </button>
        <p className="text-xs text-slate-500">Without a time range: the last 24 hours. An address also finds the ranges containing it; a range finds the addresses inside it.</p>
      </div>
    </form>
  );
}
