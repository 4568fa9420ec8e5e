import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { FormField, INPUT_CLASS } from "@/components/ui/form-field";
import { AUDIT_GROUP_LABELS, AUDIT_GROUPS, AUDIT_TYPE_META, typesInGroup, VERDICT_LABELS } from "@/lib/domain/audit-types";
import { VERDICTS } from "@/lib/domain/types";

// The feed's filters as a plain GET form: the URL is the state, so every filtered view
// is a link someone can paste, and the form works before any JavaScript has loaded.

type TValues = Partial<Record<"q" | "type" | "verdict" | "actorKind" | "actor" | "playbook" | "policyVersion" | "entity" | "from" | "to", string>>;


export function AuditFilters({ values, playbooks, policyVersions }: { values: TValues; playbooks: string[]; policyVersions: number[] }) {
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit feed" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <FormField id="feed-q" label="Search the sentences" className="sm:col-span-2">
        <input id="feed-q" name="q" defaultValue={values.q} placeholder='e.g. perimeter 183.62.140.253, "released by"' className={INPUT_CLASS} />
      </FormField>
      <FormField id="feed-entity" label="Entity (IP, CIDR, host, account, app)">
        <input id="feed-entity" name="entity" defaultValue={values.entity} placeholder="10.20.0.0/16" className={INPUT_CLASS} />
      </FormField>
      <FormField id="feed-type" label="Kind">
        <select id="feed-type" name="type" defaultValue={values.type ?? ""} className={INPUT_CLASS}>
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
      </FormField>
      <FormField id="feed-verdict" label="Verdict">
        <select id="feed-verdict" name="verdict" defaultValue={values.verdict ?? ""} className={INPUT_CLASS}>
          <option value="">Any</option>
          <option value="inaction">Any decision not to act</option>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {VERDICT_LABELS[v]}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="feed-actor-kind" label="Actor">
        <select id="feed-actor-kind" name="actorKind" defaultValue={values.actorKind ?? ""} className={INPUT_CLASS}>
          <option value="">Anyone</option>
          <option value="person">A person</option>
          <option value="automation">Automation</option>
          <option value="token">API token or release link</option>
          <option value="system">Reflex itself</option>
        </select>
      </FormField>
      <FormField id="feed-actor" label="Actor name">
        <input id="feed-actor" name="actor" defaultValue={values.actor} placeholder="Sam Okafor" className={INPUT_CLASS} />
      </FormField>
      <FormField id="feed-playbook" label="Playbook">
        <select id="feed-playbook" name="playbook" defaultValue={values.playbook ?? ""} className={INPUT_CLASS}>
          <option value="">Any</option>
          {playbooks.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="feed-policy" label="Policy version">
        <select id="feed-policy" name="policyVersion" defaultValue={values.policyVersion ?? ""} className={INPUT_CLASS}>
          <option value="">Any</option>
          {policyVersions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="feed-from" label="From (UTC)">
        <input id="feed-from" name="from" type="datetime-local" defaultValue={values.from} className={INPUT_CLASS} />
      </FormField>
      <FormField id="feed-to" label="To (UTC)">
        <input id="feed-to" name="to" type="datetime-local" defaultValue={values.to} className={INPUT_CLASS} />
      </FormField>
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
