import type { TDb } from "@/lib/db/client";
import { ZPolicyDocument } from "@/lib/domain/policy-schema";
import type { TPolicyDocument } from "@/lib/domain/types";
import type { PolicyStatus } from "@/lib/generated/prisma";

export type TPolicyVersionView = {
  id: string;
  version: number;
  status: PolicyStatus;
  /** null when the stored document no longer parses (shown as such, never guessed at). */
  document: TPolicyDocument | null;
  rawDocument: unknown;
  editVersion: number;
  basedOnVersion: number | null;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
  signedByName: string | null;
  signedAt: Date | null;
  digest: string | null;
  signature: string | null;
  signingKeyId: string | null;
  supersededAt: Date | null;
  revokedAt: Date | null;
  revokeReason: string | null;
};

/** One version by its number, or by "active", as plain data for pages and downloads. */
export async function getPolicyVersion(client: TDb, which: number | "active"): Promise<TPolicyVersionView | null> {
  const row = which === "active" ? await client.policyVersion.findFirst({ where: { status: "ACTIVE" } }) : await client.policyVersion.findUnique({ where: { version: which } });
  if (!row) return null;
  const [basedOn, creator] = await Promise.all([
    row.basedOnId ? client.policyVersion.findUnique({ where: { id: row.basedOnId }, select: { version: true } }) : null,
    client.user.findUnique({ where: { id: row.createdById }, select: { name: true } }),
  ]);
  const parsed = ZPolicyDocument.safeParse(row.document);
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    document: parsed.success ? parsed.data : null,
    rawDocument: row.document,
    editVersion: row.editVersion,
    basedOnVersion: basedOn?.version ?? null,
    createdByName: creator?.name ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    signedByName: row.signedByName,
    signedAt: row.signedAt,
    digest: row.digest,
    signature: row.signature,
    signingKeyId: row.signingKeyId,
    supersededAt: row.supersededAt,
    revokedAt: row.revokedAt,
    revokeReason: row.revokeReason,
  };
}

export type TPolicyVersionListItem = { id: string; version: number; status: PolicyStatus; signedByName: string | null; signedAt: Date | null; digest: string | null; createdAt: Date; revokeReason: string | null };

export async function listPolicyVersions(client: TDb): Promise<TPolicyVersionListItem[]> {
  return client.policyVersion.findMany({
    orderBy: { version: "desc" },
    select: { id: true, version: true, status: true, signedByName: true, signedAt: true, digest: true, createdAt: true, revokeReason: true },
  });
}
