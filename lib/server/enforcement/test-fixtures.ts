import "server-only";
import { randomBytes } from "node:crypto";
import type { TDb, TTx } from "@/lib/db/client";
import type { TTokenScope } from "@/lib/auth/permissions";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { readHorizon } from "./read-enforcement-changes";

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

/**
 * Waits until the horizon has passed every committed change, so that a pull now delivers
 * all of them. Transactions still open in this database hold it (and, for a moment, one
 * that ended in another database before its session was seen), and a pull right after a
 * commit may not deliver that commit yet (it comes in a later pull). Do not call it while
 * a transaction of the test's own is open: it would wait for that one too.
 */
export async function awaitHorizonPastChanges(client: TDb, timeoutMs = 15_000): Promise<void> {
  const [row] = await client.$queryRaw<{ max: string | null }[]>`SELECT max("txid")::text AS "max" FROM "EnforcementChange"`;
  if (!row?.max) return;
  const last = BigInt(row.max);
  const deadline = Date.now() + timeoutMs;
  while ((await readHorizon(client)) <= last) {
    if (Date.now() > deadline) {
      throw new Error(`The transaction horizon stayed at or below ${last} for ${timeoutMs} ms: a transaction still open in this database is holding it.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
