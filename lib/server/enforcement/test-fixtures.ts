import "server-only";
import { randomBytes } from "node:crypto";
import type { TDb, TTx } from "@/lib/db/client";
import type { TTokenScope } from "@/lib/auth/permissions";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { createApiToken } from "@/lib/server/tokens/create-api-token";

// Test data written the way the pipeline writes it (its data contract, docs/ENFORCEMENT.md):
// the status change and its EnforcementChange row in one transaction.

export async function makeToken(client: TDb, scope: TTokenScope) {
  return createApiToken(client, { input: { name: `${scope}-${randomBytes(4).toString("hex")}`, scope }, actor: SYSTEM_ACTOR });
}

export type TContainmentInput = {
  value: string;
  kind?: "ip" | "cidr";
  action?: string;
  expiresInSecs?: number;
  playbookKey?: string | null;
};

/** Inserts an ACTIVE containment and its ADDED change with `tx` (the caller's transaction). */
export async function insertActive(tx: TTx, input: TContainmentInput) {
  const now = Date.now();
  const row = await tx.containment.create({
    data: {
      action: input.action ?? "block_ip",
      targetKind: input.kind ?? (input.value.includes("/") ? "cidr" : "ip"),
      targetValue: input.value,
      status: "ACTIVE",
      reason: "test",
      connector: "feed",
      confidence: 0.9,
      blastRadiusCount: 1,
      playbookKey: input.playbookKey === undefined ? "ssh-brute-force" : input.playbookKey,
      activatedAt: new Date(now),
      expiresAt: new Date(now + (input.expiresInSecs ?? 4 * 3600) * 1000),
    },
  });
  await tx.enforcementChange.create({ data: { containmentId: row.id, kind: "ADDED" } });
  return row;
}

export async function activate(client: TDb, input: TContainmentInput) {
  return client.$transaction((tx) => insertActive(tx, input));
}

export async function end(client: TDb, id: string, status: "RELEASED" | "EXPIRED" = "RELEASED") {
  await client.$transaction(async (tx) => {
    await tx.containment.update({ where: { id }, data: { status, endedAt: new Date() } });
    await tx.enforcementChange.create({ data: { containmentId: id, kind: "REMOVED" } });
  });
}
