import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { loadPlaybookConfigs } from "@/lib/server/pipeline/load-playbook-configs";

export type TParamField = { name: string; label: string; type: "integer" | "number" | "enum" | "boolean"; options: string[]; min: number | null; max: number | null };

type TJsonProperty = { type?: string; enum?: string[]; minimum?: number; maximum?: number; description?: string };

/** The form fields of a playbook's parameters, from the same zod schema that validates them. */
function fieldsOf(schema: z.ZodType): TParamField[] {
  const json = z.toJSONSchema(schema, { io: "input" }) as { properties?: Record<string, TJsonProperty> };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name,
    label: p.description ?? name,
    type: p.enum ? "enum" : p.type === "boolean" ? "boolean" : p.type === "integer" ? "integer" : "number",
    options: p.enum ?? [],
    min: p.minimum ?? null,
    max: p.maximum ?? null,
  }));
}

export async function listPlaybooks() {
  const configs = await loadPlaybookConfigs(db());
  const stored = await db().playbook.findMany({ where: { isCurrent: true }, select: { key: true, version: true, createdAt: true } });
  const versionOf = new Map(stored.map((s) => [s.key, s]));
  return configs.map((c) => ({
    key: c.playbook.key,
    name: c.playbook.name,
    description: c.playbook.description,
    action: c.playbook.action,
    enabled: c.enabled,
    version: versionOf.get(c.playbook.key)?.version ?? 0,
    savedAt: versionOf.get(c.playbook.key)?.createdAt ?? null,
    params: c.params as Record<string, unknown>,
    fields: fieldsOf(c.playbook.ZParams as z.ZodType),
  }));
}
export type TPlaybookListItem = Awaited<ReturnType<typeof listPlaybooks>>[number];
