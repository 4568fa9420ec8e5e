import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { HOSTS_SEEN_WINDOW_DAYS, type THostSeen } from "@/lib/server/protected/list-hosts-under-wildcard";

// A wildcard protects names nobody listed: this shows its owner which ones Reflex actually
// met under it, so a host that does not belong there stands out.

export function HostsSeenUnderWildcard({ pattern, hosts, total }: { pattern: string; hosts: THostSeen[]; total: number }) {
  const window = `in the last ${HOSTS_SEEN_WINDOW_DAYS} days`;
  return (
    <Card
      title={`Hosts seen under ${pattern}`}
      description={`The hosts under this wildcard that an alert named (as its target or otherwise) or that Reflex contained ${window}, most recently seen first. Last seen is the latest alert naming the host, or the latest start or end of a containment on it. Check that each belongs to you.`}
    >
      {hosts.length === 0 ? (
        <EmptyState title={`Nothing seen under ${pattern} ${window}`}>No alert named a host under it and Reflex contained none.</EmptyState>
      ) : (
        <>
          {total > hosts.length && (
            <p role="note" className="mb-3 text-sm text-slate-600">
              Showing the {hosts.length} most recently seen of {total} hosts.
            </p>
          )}
          <Table caption={`Hosts seen under ${pattern} ${window}`} head={["Host", "Last seen", "Alerts naming it", "Contained now"]}>
            {hosts.map((h) => (
              <tr key={h.host}>
                <Td mono>{h.host}</Td>
                <Td>
                  <Time value={h.lastSeenAt} />
                </Td>
                <Td>{h.alertCount}</Td>
                <Td>{h.containedNow ? <Badge tone="red">contained</Badge> : "no"}</Td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </Card>
  );
}
