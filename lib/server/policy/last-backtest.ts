import type { TDb } from "@/lib/db/client";

export type TLastBacktest = { at: Date; by: string; summary: string };

/** The latest backtest of a version, read back from the audit log (where every run is recorded). */
export async function lastBacktest(client: TDb, version: number): Promise<TLastBacktest | null> {
  const event = await client.auditEvent.findFirst({
    where: { type: "POLICY_CHANGED", policyVersion: version, data: { path: ["change"], equals: "backtested" } },
    orderBy: { id: "desc" },
    select: { occurredAt: true, actorName: true, summary: true },
  });
  return event ? { at: event.occurredAt, by: event.actorName, summary: event.summary } : null;
}
