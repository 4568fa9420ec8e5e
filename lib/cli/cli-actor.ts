import os from "node:os";
import type { TAuditActor } from "@/lib/server/audit/append-audit";

/** Who did it, when it was done from the command line: the OS user on this host. */
export function cliActor(): TAuditActor {
  return { kind: "SYSTEM", name: `reflex CLI (${os.userInfo().username}@${os.hostname()})` };
}
