import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { db } from "@/lib/db/client";
import { KillSwitchControl } from "@/components/policy/kill-switch-control";
import { PolicySummary } from "@/components/policy/policy-summary";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { readKillSwitch } from "@/lib/server/pipeline/kill-switch";
import { loadActivePolicy } from "@/lib/server/policy/load-active-policy";

export const metadata = { title: "Policy" };

const STATUS_TONE = { ACTIVE: "green", DRAFT: "blue", SUPERSEDED: "gray", REVOKED: "red" } as const;

export default async function PolicyPage() {
  const user = await requirePageUser("policy:view", "/policy");
  const [active, killSwitch] = await Promise.all([loadActivePolicy(db()), readKillSwitch(db())]);
  const versions = await db().policyVersion.findMany({
    orderBy: { version: "desc" },
    select: { id: true, version: true, status: true, signedByName: true, signedAt: true, digest: true, createdAt: true },
  });
  return (
    <>
      <PageHeader
        title="Policy"
        description="The signed containment policy: which actions Reflex may take on its own, at what confidence, against which assets."
        actions={
          <Link href="/policy/playbooks" className="text-sm font-semibold text-indigo-700 hover:underline">
            Playbooks →
          </Link>
        }
      />
      <div className="mb-6 grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title={active ? `Active policy: v${active.version}, signed by ${active.signedBy}` : "No active policy"}>
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
          <Table caption="Policy versions" head={["Version", "Status", "Signed by", "Signed at", "Digest"]}>
            {versions.map((v) => (
              <tr key={v.id}>
                <Td>v{v.version}</Td>
                <Td>
                  <Badge tone={STATUS_TONE[v.status]}>{v.status.toLowerCase()}</Badge>
                </Td>
                <Td>{v.signedByName ?? "—"}</Td>
                <Td>
                  <Time value={v.signedAt} />
                </Td>
                <Td mono>{v.digest ? `${v.digest.slice(0, 16)}…` : "—"}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
