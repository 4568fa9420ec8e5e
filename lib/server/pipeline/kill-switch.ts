import type { TDb, TTx } from "@/lib/db/client";
import type { TKillSwitch } from "@/lib/domain/types";
import { readSetting } from "@/lib/server/settings/settings";

export async function readKillSwitch(client: TDb | TTx): Promise<TKillSwitch & { at: string | null }> {
  return readSetting(client, "killSwitch");
}
