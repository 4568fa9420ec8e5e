import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { AUDIT_GROUP_LABELS, AUDIT_GROUPS, AUDIT_TYPE_META, typesInGroup, VERDICT_LABELS } from "@/lib/domain/audit-types";
import { VERDICTS } from "@/lib/domain/types";

// The feed's filters as a plain GET form: the URL is the state, so every filtered view
// is a link someone can paste, and the form works before any JavaScript has loaded.

type TValues = Partial<Record<"q" | "type" | "verdict" | "actorKind" | "actor" | "playbook" | "policyVersion" | "entity" | "from" | "to", string>>;

const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const label = "block text-xs font-medium text-slate-700";

export function AuditFilters({ values, playbooks, policyVersions }: { values: TValues; playbooks: string[]; policyVersions: number[] }) {
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit feed" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <div className="sm:col-span-2">
        <label htmlFor="feed-q" className={label}>
          Search the sentences
        </label>
        <input id="feed-q" name="q" defaultValue={values.q} placeholder='e.g. perimeter 183.62.140.253, "released by"' className={field} />
      </div>
      <div>
        <label htmlFor="feed-entity" className={label}>
          Entity (IP, CIDR, host, account, app)
        </label>
        <input id="feed-entity" name="entity" defaultValue={values.entity} placeholder="10.20.0.0/16" className={field} />
      </div>
      <div>
        <label htmlFor="feed-type" className={label}>
          Kind
        </label>
        <select id="feed-type" name="type" defaultValue={values.type ?? ""} className={field}>
          <option value="">Everything</option>
          {AUDIT_GROUPS.map((g) => (
            <optgroup key={g} label={AUDIT_GROUP_LABELS[g]}>
              <option value={g}>All {AUDIT_GROUP_LABELS[g].toLowerCase()}</option>
              {typesInGroup(g).map((t) => (
                <option key={t} value={t}>
                  {AUDIT_TYPE_META[t].label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="feed-verdict" className={label}>
          Verdict
        </label>
        <select id="feed-verdict" name="verdict" defaultValue={values.verdict ?? ""} className={field}>
          <option value="">Any</option>
          <option value="inaction">Any decision not to act</option>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {VERDICT_LABELS[v]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="feed-actor-kind" className={label}>
          Actor
        </label>
        <select id="feed-actor-kind" name="actorKind" defaultValue={values.actorKind ?? ""} className={field}>
          <option value="">Anyone</option>
          <option value="person">A person</option>
          <option value="automation">Automation</option>
          <option value="token">API token or release link</option>
          <option value="system">Reflex itself</option>
        </select>
      </div>
      <div>
        <label htmlFor="feed-actor" className={label}>
          Actor name
        </label>
        <input id="feed-actor" name="actor" defaultValue={values.actor} placeholder="Sam Okafor" className={field} />
      </div>
      <div>
        <label htmlFor="feed-playbook" className={label}>
          Playbook
        </label>
        <select id="feed-playbook" name="playbook" defaultValue={values.playbook ?? ""} className={field}>
          <option value="">Any</option>
          {playbooks.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="feed-policy" className={label}>
          Policy version
        </label>
        <select id="feed-policy" name="policyVersion" defaultValue={values.policyVersion ?? ""} className={field}>
          <option value="">Any</option>
          {policyVersions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="feed-from" className={label}>
          From (UTC)
        </label>
        <input id="feed-from" name="from" type="datetime-local" defaultValue={values.from} className={field} />
      </div>
      <div>
        <label htmlFor="feed-to" className={label}>
          To (UTC)
        </label>
        <input id="feed-to" name="to" type="datetime-local" defaultValue={values.to} className={field} />
      </div>
      <div className="flex items-end gap-2 sm:col-span-2">
        <button type="submit" className={buttonClass("primary")}>
          Apply filters
        </button>
        <Link href="/audit" className={buttonClass("secondary")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
