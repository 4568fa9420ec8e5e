import type { TRawSql } from "@/lib/db/raw-sql";
import { BUILT_IN_PLAYBOOKS } from "@/lib/playbooks/registry";
import type { TPlaybook } from "@/lib/playbooks/types";

export type TPlaybookConfig = { playbook: TPlaybook; version: number; params: unknown; enabled: boolean };

/**
 * The current stored version of each built-in playbook. The code is the logic, the row is
 * the SOC's tuning; a playbook without a row runs with its defaults as version 1, and a
 * row whose parameters no longer parse falls back to the defaults rather than failing open.
 */
export async function loadPlaybookConfigs(client: TRawSql): Promise<TPlaybookConfig[]> {
  // Read for every group of alerts: one raw statement, not the query builder (docs/BENCHMARKS.md).
  const rows = await client.$queryRaw<{ key: string; version: number; definition: unknown; enabled: boolean }[]>`
    SELECT "key", "version", "definition", "enabled" FROM "Playbook" WHERE "isCurrent"`;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return BUILT_IN_PLAYBOOKS.map((playbook) => {
    const row = byKey.get(playbook.key);
    if (!row) return { playbook, version: 1, params: playbook.defaultParams, enabled: true };
    const parsed = playbook.ZParams.safeParse(row.definition);
    return { playbook, version: row.version, params: parsed.success ? parsed.data : playbook.defaultParams, enabled: row.enabled };
  });
}
