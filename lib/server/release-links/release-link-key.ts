import { randomBytes } from "node:crypto";
import type { TDb } from "@/lib/db/client";
import { readSetting } from "@/lib/server/settings/settings";

/**
 * The HMAC key for release links, kept in the database so every instance signs and checks
 * with the same one. Created on first use; insert-if-absent, so two instances creating it
 * at once end up with the same key (the loser of the race reads the winner's).
 */
export async function releaseLinkKey(client: TDb): Promise<string> {
  const stored = await readSetting(client, "releaseLink.secret");
  if (stored) return stored;
  await client.setting.createMany({ data: [{ key: "releaseLink.secret", value: randomBytes(32).toString("base64url") }], skipDuplicates: true });
  const key = await readSetting(client, "releaseLink.secret");
  if (!key) throw new Error("the release link key could not be stored");
  return key;
}
