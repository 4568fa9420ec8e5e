import { cellKey } from "@/lib/domain/policy-grid";
import type { TPolicyDocument } from "@/lib/domain/types";

/**
 * Field errors as zod and the server report them ("rules.3.ttlSeconds") regrouped by where
 * the editor shows them: a grid cell ("block_ip/external-ip"), "defaultRule", or a
 * top-level field ("rationale"). Indices refer to the document that was checked.
 */
export function errorsByPlace(fields: Record<string, string[]>, checked: TPolicyDocument): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fields)) {
    const [head, index] = path.split(".");
    const rule = head === "rules" && index !== undefined ? checked.rules[Number(index)] : undefined;
    const place = rule ? cellKey(rule.action, rule.assetClass) : (head ?? "_form");
    (out[place] ??= []).push(...messages);
  }
  return out;
}
