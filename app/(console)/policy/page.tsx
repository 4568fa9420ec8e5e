import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";

export const metadata = { title: "Policy" };

const STATUS_TONE = { ACTIVE: "green", DRAFT: "blue", SUPERSEDED: "gray", REVOKED: "red" } as const;

export default async function PolicyPage() {
  await requirePageUser("policy:view", "/policy");
  const versions = await db().policyVersion.findMany({
    orderBy: { version: "desc" },
    select: { id: true, version: true, status: true, signedByName: true, signedAt: true, digest: true, createdAt: true },
  });
  return (
    <>
      <PageHeader title="Policy" description="The signed containment policy: which actions Reflex may take on its own, at what confidence, against which assets." />
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
