import { Badge } from "@/components/ui/badge";
import type { PolicyStatus } from "@/lib/generated/prisma";

export const STATUS_TONE = { ACTIVE: "green", DRAFT: "blue", SUPERSEDED: "gray", REVOKED: "red" } as const satisfies Record<PolicyStatus, string>;

export function StatusBadge({ status }: { status: PolicyStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{status.toLowerCase()}</Badge>;
}
