import Link from "next/link";
import { ChangeList } from "@/components/policy/change-list";
import { PolicyGrid } from "@/components/policy/policy-grid";
import { PolicySettings } from "@/components/policy/policy-settings";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { diffPolicies } from "@/lib/domain/policy-diff";
import { gridColumns } from "@/lib/domain/policy-grid";
import { labelLookup } from "@/lib/domain/policy-wording";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { getPolicyVersion, listPolicyVersions } from "@/lib/server/policy/get-policy-version";
import { listAssetClasses } from "@/lib/server/policy/list-asset-classes";

export const metadata = { title: "Compare policy versions" };

const select = "mt-1 block w-48 rounded-md border border-slate-300 px-3 py-2 text-sm";

function versionParam(value: string | string[] | undefined): number | null {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

export default async function PolicyDiffPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("policy:view", "/policy/diff");
  const query = await searchParams;
  const versions = await listPolicyVersions(db());
  const active = versions.find((v) => v.status === "ACTIVE");
  const fromNumber = versionParam(query.from) ?? active?.version ?? versions[1]?.version ?? null;
  const toNumber = versionParam(query.to) ?? versions.find((v) => v.version !== fromNumber)?.version ?? null;
  const [from, to, classes] = await Promise.all([
    fromNumber ? getPolicyVersion(db(), fromNumber) : null,
    toNumber ? getPolicyVersion(db(), toNumber) : null,
    listAssetClasses(db()),
  ]);
  const labelOf = labelLookup(classes);
  const ready = from?.document && to?.document ? { before: from.document, after: to.document } : null;
  const changes = ready ? diffPolicies(ready.before, ready.after, labelOf) : [];
  const columns = ready ? gridColumns(classes.map((c) => c.key), ready.before, ready.after).map((k) => ({ key: k, label: labelOf(k) })) : [];

  return (
    <>
      <PageHeader
        title="Compare policy versions"
        description="Any two versions: what changed, in plain words, and the grid with the changed cells highlighted (the earlier value struck through)."
        actions={
          <Link href="/policy" className="text-sm font-semibold text-indigo-700 hover:underline">
            ← Policy
          </Link>
        }
      />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4" aria-label="Choose versions to compare">
        {(["from", "to"] as const).map((name) => (
          <div key={name}>
            <label htmlFor={`diff-${name}`} className="block text-sm font-medium text-slate-700">
              {name === "from" ? "From version" : "To version"}
            </label>
            <select id={`diff-${name}`} name={name} defaultValue={String((name === "from" ? fromNumber : toNumber) ?? "")} className={select}>
              {versions.map((v) => (
                <option key={v.id} value={v.version}>
                  v{v.version} ({v.status.toLowerCase()})
                </option>
              ))}
            </select>
          </div>
        ))}
        <Button type="submit" variant="secondary">
          Compare
        </Button>
      </form>
      {!ready || !from || !to ? (
        <EmptyState title="Pick two versions">There must be at least two readable versions to compare.</EmptyState>
      ) : (
        <div className="space-y-6">
          <Card title={`From v${from.version} (${from.status.toLowerCase()}) to v${to.version} (${to.status.toLowerCase()})`}>
            <ChangeList changes={changes} empty="The two versions say the same thing." label={`Changes from v${from.version} to v${to.version}`} />
          </Card>
          <Card title="Rules, side by side" description="Highlighted cells changed; each shows the earlier value struck through above the new one.">
            <PolicyGrid document={ready.after} before={ready.before} columns={columns} caption={`Rules of v${to.version} compared with v${from.version}`} />
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title={`v${from.version}: default rule and settings`}>
              <PolicySettings document={ready.before} />
            </Card>
            <Card title={`v${to.version}: default rule and settings`}>
              <PolicySettings document={ready.after} />
            </Card>
          </div>
        </div>
      )}
    </>
  );
}
