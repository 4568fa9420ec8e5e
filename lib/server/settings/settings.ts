import { z } from "zod";
import type { TDb, TTx } from "@/lib/db/client";

// Typed key-value settings. Every key has a schema and a default, so a missing or
// malformed row never breaks a page: it reads as the default.

export const SETTINGS = {
  "demo.credentials": {
    schema: z.array(z.object({ email: z.string(), role: z.string(), name: z.string(), password: z.string() })),
    default: [] as { email: string; role: string; name: string; password: string }[],
  },
  "auth.secret": { schema: z.string().min(32), default: "" },
  // Signs release links (lib/domain/release-link-token.ts); generated on first use.
  "releaseLink.secret": { schema: z.string().min(32), default: "" },
  // How far the feed's incremental hash-chain check has got, per partition
  // (lib/server/audit-feed/advance-chain-checkpoint.ts).
  "audit.chainCheckpoint": {
    schema: z.object({
      partitions: z.array(
        z.object({
          partition: z.number().int().min(0),
          seq: z.number().int().min(0),
          hash: z.string().nullable(),
          lastId: z.string().nullable(),
          broken: z.object({ seq: z.number().int(), id: z.string().nullable(), reason: z.string() }).nullable(),
        }),
      ),
      checkedAt: z.string().nullable(),
    }),
    default: { partitions: [], checkedAt: null } as {
      partitions: { partition: number; seq: number; hash: string | null; lastId: string | null; broken: { seq: number; id: string | null; reason: string } | null }[];
      checkedAt: string | null;
    },
  },
  "detector.sshBruteForce": {
    schema: z.object({
      enabled: z.boolean(),
      threshold: z.number().int().min(2, "At least 2 failures.").max(10_000),
      windowSeconds: z.number().int().min(10).max(86_400),
    }),
    default: { enabled: true, threshold: 5, windowSeconds: 600 } as { enabled: boolean; threshold: number; windowSeconds: number },
  },
  "killSwitch": {
    schema: z.object({ engaged: z.boolean(), reason: z.string().nullable(), by: z.string().nullable(), at: z.string().nullable() }),
    default: { engaged: false, reason: null, by: null, at: null } as { engaged: boolean; reason: string | null; by: string | null; at: string | null },
  },
} as const;

export type TSettingKey = keyof typeof SETTINGS;
export type TSettingValue<K extends TSettingKey> = z.infer<(typeof SETTINGS)[K]["schema"]>;

export async function readSetting<K extends TSettingKey>(client: TDb | TTx, key: K): Promise<TSettingValue<K>> {
  const row = await client.setting.findUnique({ where: { key } });
  return settingFromValue(key, row?.value);
}

/** A stored value read through its key's schema; missing or malformed reads as the default. */
export function settingFromValue<K extends TSettingKey>(key: K, value: unknown): TSettingValue<K> {
  const parsed = SETTINGS[key].schema.safeParse(value);
  return (parsed.success ? parsed.data : SETTINGS[key].default) as TSettingValue<K>;
}

export async function writeSetting<K extends TSettingKey>(client: TDb | TTx, key: K, value: TSettingValue<K>): Promise<void> {
  const json = SETTINGS[key].schema.parse(value) as object;
  await client.setting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
}
