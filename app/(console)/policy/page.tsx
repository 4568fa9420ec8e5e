import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { db } from "@/lib/db/client";
import { KillSwitchControl } from "@/components/policy/kill-switch-control";
import { NewDraftButton } from "@/components/policy/new-draft-button";
import { PolicySummary } from "@/components/policy/policy-summary";
import { STATUS_TONE } from "@/components/policy/status-badge";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { readKillSwitch } from "@/lib/server/pipeline/kill-switch";
import { listPolicyVersions } from "@/lib/server/policy/get-policy-version";
import { loadActivePolicy } from "@/lib/server/policy/load-active-policy";

export const metadata = { title: "Policy" };

const link = "text-sm font-semibold text-indigo-700 hover:underline";

export default async function PolicyPage() {
  const user = await requirePageUser("policy:view", "/policy");
  const [active, killSwitch, versions] = await Promise.all([loadActivePolicy(db()), readKillSwitch(db()), listPolicyVersions(db())]);
  const canEdit = can(user.role, "policy:edit");
  return (
    <>
      <PageHeader
        title="Policy"
        description="The signed containment policy: which actions Reflex may take on its own, at what confidence, against which assets."
        actions={
          <nav aria-label="Policy pages" className="flex flex-wrap items-center gap-4">
            <Link href="/policy/diff" className={link}>
              Compare versions
            </Link>
            <Link href="/policy/asset-classes" className={link}>
              Asset classes
            </Link>
            <Link href="/policy/playbooks" className={link}>
              Playbooks →
            </Link>
          </nav>
        }
      />
      <div className="mb-6 grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card
            title={active ? `Active policy: v${active.version}, signed by ${active.signedBy}` : "No active policy"}
            actions={
              <span className="flex items-center gap-3">
                {active && (
                  <Link href={`/policy/versions/${active.version}`} className={link}>
                    Open v{active.version}
                  </Link>
                )}
                {canEdit && <NewDraftButton fromVersionId={null} label={active ? "New draft from the active policy" : "Write the first policy"} />}
              </span>
            }
          >
            {active ? <PolicySummary document={active.document} /> : <p className="text-sm">Nothing executes autonomously: every proposed containment escalates.</p>}
          </Card>
        </div>
        <Card title="Kill switch" actions={can(user.role, "killswitch:toggle") ? <KillSwitchControl engaged={killSwitch.engaged} /> : undefined}>
          <p className="text-sm" data-testid="kill-switch-status">
            {killSwitch.engaged
              ? `Engaged by ${killSwitch.by ?? "unknown"}: "${killSwitch.reason ?? ""}". Every decision escalates.`
              : "Off: autonomous execution follows the signed policy."}
          </p>
        </Card>
      </div>
      <Card title="Versions">
        {versions.length === 0 ? (
          <EmptyState title="No policy yet">
            Until a CISO signs a policy, nothing executes autonomously: every proposed containment escalates to the SOC with a recommendation.
          </EmptyState>
        ) : (
          <Table caption="Policy versions" head={["Version", "Status", "Signed by", "Signed at", "Digest", "Note"]}>
            {versions.map((v) => (
              <tr key={v.id}>
                <Td>
                  <Link href={`/policy/versions/${v.version}`} className="font-medium text-indigo-700 hover:underline">
                    v{v.version}
                  </Link>
                </Td>
                <Td>
                  <Badge tone={STATUS_TONE[v.status]}>{v.status.toLowerCase()}</Badge>
                </Td>
                <Td>{v.signedByName ?? "—"}</Td>
                <Td>
                  <Time value={v.signedAt} />
                </Td>
                <Td mono>{v.digest ? `${v.digest.slice(0, 16)}…` : "—"}</Td>
                <td className="px-3 py-2 align-top text-slate-700">{v.status === "REVOKED" ? `Revoked: ${v.revokeReason ?? ""}` : v.status === "DRAFT" ? `Draft started ${v.createdAt.toISOString().slice(0, 10)}` : ""}</td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
