import Link from "next/link";
import { ReleaseButton } from "@/components/containments/release-button";
import { Badge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

// Containments as a table, each with its story link and, where the viewer may, the
// release valve: the containments page and an owner's asset page show the same rows.

const TONE = { PENDING: "amber", ACTIVE: "red", RELEASED: "green", EXPIRED: "gray", FAILED: "violet" } as const;

export type TContainmentRow = {
  id: string;
  targetValue: string;
  action: string;
  status: keyof typeof TONE;
  reason: string;
  lastError: string | null;
  releasedByName: string | null;
  releaseReason: string | null;
  createdAt: Date;
  activatedAt: Date | null;
  expiresAt: Date;
  endedAt: Date | null;
  canRelease: boolean;
};

export function ContainmentsTable({ caption, rows, showStatus = true }: { caption: string; rows: TContainmentRow[]; showStatus?: boolean }) {
  const head = ["Target", "Action", ...(showStatus ? ["Status"] : []), "Why", "Since", "Expires", ""];
  return (
    <Table caption={caption} head={head}>
      {rows.map((c) => (
        <tr key={c.id}>
          <Td mono>
            <Link href={`/containments/${c.id}`} className="text-indigo-700 hover:underline">
              {c.targetValue}
            </Link>
          </Td>
          <Td>{c.action}</Td>
          {showStatus && (
            <Td>
              <Badge tone={TONE[c.status]}>{c.status.toLowerCase()}</Badge>
            </Td>
          )}
          <td className="max-w-xl px-3 py-2 text-slate-800">{c.status === "RELEASED" ? `Released by ${c.releasedByName}: ${c.releaseReason}` : (c.lastError ?? c.reason)}</td>
          <Td>
            <Time value={c.activatedAt ?? c.createdAt} />
          </Td>
          <Td>
            <Time value={c.endedAt ?? c.expiresAt} />
          </Td>
          <Td>{c.canRelease ? <ReleaseButton containmentId={c.id} target={c.targetValue} /> : null}</Td>
        </tr>
      ))}
    </Table>
  );
}
