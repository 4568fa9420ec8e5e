import { LiftHoldButton } from "@/components/holds/lift-hold-button";
import { PlaceHoldForm } from "@/components/holds/place-hold-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { listHolds, type THoldItem } from "@/lib/server/holds/list-holds";

export const metadata = { title: "Holds" };

/** What a hold covers and why: the first columns of both tables. */
function HoldCells({ hold }: { hold: THoldItem }) {
  return (
    <>
      <Td mono>
        {hold.selector.kind} {hold.selector.value}
      </Td>
      <Td>{hold.kind === "INVESTIGATION" ? <Badge tone="amber">investigation</Badge> : <Badge tone="gray">release hold-off</Badge>}</Td>
      <td className="px-3 py-2 align-top text-slate-800">{hold.reason}</td>
      <Td>{hold.placedByName}</Td>
    </>
  );
}

export default async function HoldsPage() {
  await requirePageUser("hold:manage", "/holds");
  const { active, ended } = await listHolds(db(), new Date());
  return (
    <>
      <PageHeader
        title="Holds"
        description="While a hold is active, Reflex contains nothing it covers: the decision says who placed the hold, why and until when. Investigation holds keep an intruder unaware while it is observed; releases may hold off re-containment."
      />
      <div className="space-y-6">
        <Card title="Place an investigation hold">
          <PlaceHoldForm />
        </Card>
        <Card title={`Active (${active.length})`}>
          {active.length === 0 ? (
            <EmptyState title="No active holds">Every entity may be contained under the signed policy.</EmptyState>
          ) : (
            <Table caption="Active holds" head={["Entity", "Kind", "Reason", "Placed by", "Since", "Until", ""]}>
              {active.map((h) => (
                <tr key={h.id}>
                  <HoldCells hold={h} />
                  <Td>
                    <Time value={h.createdAt} />
                  </Td>
                  <Td>
                    <Time value={h.expiresAt} />
                  </Td>
                  <Td>
                    <LiftHoldButton holdId={h.id} entity={h.selector.value} />
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title="Ended in the last 7 days">
          {ended.length === 0 ? (
            <EmptyState title="None" />
          ) : (
            <Table caption="Ended holds" head={["Entity", "Kind", "Reason", "Placed by", "Ended", "How"]}>
              {ended.map((h) => (
                <tr key={h.id}>
                  <HoldCells hold={h} />
                  <Td>
                    <Time value={h.liftedAt ?? h.expiresAt} />
                  </Td>
                  <td className="px-3 py-2 align-top text-slate-800">{h.liftedAt ? `lifted by ${h.liftedByName ?? "someone"}: ${h.liftReason ?? ""}` : "expired"}</td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
