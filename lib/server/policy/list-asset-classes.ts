import type { TDb, TTx } from "@/lib/db/client";
import { DEFAULT_ASSET_CLASS_KEYS } from "@/lib/domain/asset-class";

export type TAssetClassItem = { key: string; label: string; description: string; builtIn: boolean };

/**
 * The policy grid's columns: the built-in classes in their usual order (external IP first,
 * crown jewel last), then the ones people added, oldest first.
 */
export async function listAssetClasses(client: TDb | TTx): Promise<TAssetClassItem[]> {
  const rows = await client.assetClass.findMany({ orderBy: [{ createdAt: "asc" }, { key: "asc" }] });
  const rank = (key: string) => {
    const i = (DEFAULT_ASSET_CLASS_KEYS as string[]).indexOf(key);
    return i === -1 ? DEFAULT_ASSET_CLASS_KEYS.length : i;
  };
  return rows
    .map((r) => ({ key: r.key, label: r.label, description: r.description, builtIn: r.builtIn }))
    .sort((a, b) => rank(a.key) - rank(b.key));
}

export async function listAssetClassKeys(client: TDb | TTx): Promise<string[]> {
  return (await listAssetClasses(client)).map((c) => c.key);
}
