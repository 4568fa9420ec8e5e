import { z } from "zod";
import type { TPermission } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db/client";
import { ZPolicyDocument } from "@/lib/domain/policy-schema";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { requirePolicyPermission } from "./policy-guard";

// The asset-class list: the columns of the policy grid and the classes owners register
// their assets under. SOC and CISO keep it; there is no permission of its own yet, so it
// rides on campaign:manage (the same people run registration campaigns, which are scoped
// by asset class).
export const ASSET_CLASS_PERMISSION: TPermission = "campaign:manage";

export const ZAssetClassInput = z.object({
  key: z
    .string()
    .trim()
    .min(2, "The key is at least 2 characters.")
    .max(40, "Keep the key under 40 characters.")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, e.g. payment-terminal."),
  label: z.string().trim().min(1, "Give the class a label, e.g. Payment terminal.").max(60, "Keep the label under 60 characters."),
  description: z.string().trim().max(300, "Keep the description under 300 characters.").default(""),
});
export type TAssetClassInput = z.input<typeof ZAssetClassInput>;

export const ZAssetClassKey = z.object({ key: z.string().min(1) });

export async function createAssetClass(client: TDb, options: { input: TAssetClassInput; userId: string; actor: TAuditActor }) {
  await requirePolicyPermission(client, options.userId, ASSET_CLASS_PERMISSION);
  const input = ZAssetClassInput.parse(options.input);
  return client.$transaction(async (tx) => {
    // Idempotent by the primary key: a concurrent duplicate inserts nothing and is reported.
    const created = await tx.assetClass.createMany({ data: [{ key: input.key, label: input.label, description: input.description }], skipDuplicates: true });
    if (created.count === 0) throw new ExpectedError("CONFLICT", `There is already an asset class "${input.key}".`, { key: [`"${input.key}" is taken: pick another key.`] });
    await appendAudit(tx, {
      type: "SETTINGS_CHANGED",
      actor: options.actor,
      data: { change: "updated", key: "assetClass", details: { assetClass: input.key, what: "created", label: input.label, description: input.description } },
      summary: `${options.actor.name} added the asset class ${input.label} (${input.key})`,
    });
    return input;
  });
}

/** Label and description only: the key is what cells and registrations refer to. */
export async function updateAssetClass(client: TDb, options: { input: TAssetClassInput; userId: string; actor: TAuditActor }) {
  await requirePolicyPermission(client, options.userId, ASSET_CLASS_PERMISSION);
  const input = ZAssetClassInput.parse(options.input);
  return client.$transaction(async (tx) => {
    const updated = await tx.assetClass.updateMany({ where: { key: input.key }, data: { label: input.label, description: input.description } });
    if (updated.count === 0) throw new ExpectedError("NOT_FOUND", `There is no asset class "${input.key}".`);
    await appendAudit(tx, {
      type: "SETTINGS_CHANGED",
      actor: options.actor,
      data: { change: "updated", key: "assetClass", details: { assetClass: input.key, what: "edited", label: input.label, description: input.description } },
      summary: `${options.actor.name} edited the asset class ${input.key}: "${input.label}"`,
    });
    return input;
  });
}

/** Why a class cannot be deleted, or null: a class still in use would leave cells or registrations pointing at nothing. */
async function usesOf(client: TDb, key: string): Promise<string | null> {
  const registrations = await client.protectedAsset.count({ where: { assetClass: key, deletedAt: null } });
  if (registrations > 0) return `${registrations} protected-asset registration${registrations === 1 ? " uses" : "s use"} it`;
  const versions = await client.policyVersion.findMany({ where: { status: { in: ["ACTIVE", "DRAFT"] } }, select: { version: true, status: true, document: true } });
  const using = versions.filter((v) => {
    const doc = ZPolicyDocument.safeParse(v.document);
    return doc.success && doc.data.rules.some((r) => r.assetClass === key);
  });
  if (using.length > 0) return `policy ${using.map((v) => `v${v.version} (${v.status.toLowerCase()})`).join(", ")} ${using.length === 1 ? "has" : "have"} cells for it`;
  return null;
}

export async function deleteAssetClass(client: TDb, options: { key: string; userId: string; actor: TAuditActor }) {
  await requirePolicyPermission(client, options.userId, ASSET_CLASS_PERMISSION);
  const row = await client.assetClass.findUnique({ where: { key: options.key } });
  if (!row) throw new ExpectedError("NOT_FOUND", `There is no asset class "${options.key}".`);
  if (row.builtIn) throw new ExpectedError("CONFLICT", `${row.label} is built in: Reflex classes unregistered assets with it, so it cannot be deleted.`);
  const used = await usesOf(client, row.key);
  if (used) throw new ExpectedError("CONFLICT", `${row.label} cannot be deleted: ${used}. Move them to another class first.`);
  await client.$transaction(async (tx) => {
    await tx.assetClass.delete({ where: { key: row.key } });
    await appendAudit(tx, {
      type: "SETTINGS_CHANGED",
      actor: options.actor,
      data: { change: "updated", key: "assetClass", details: { assetClass: row.key, what: "deleted", label: row.label, description: row.description } },
      summary: `${options.actor.name} deleted the asset class ${row.label} (${row.key})`,
    });
  });
  return { key: row.key };
}
