import { db } from "@/lib/db/client";
import { advanceChainCheckpoint } from "@/lib/server/audit-feed/advance-chain-checkpoint";
import { jsonRoute } from "@/lib/server/http/json-route";

// The feed's tamper-evidence line. Each call also moves the verified checkpoint forward a
// bounded step, so polling it is what keeps "verified up to" current (docs/AUDIT.md).
export const GET = jsonRoute("audit:view", async () => {
  const status = await advanceChainCheckpoint(db());
  return Response.json({ ...status, verifiedUpToId: status.verifiedUpToId?.toString() ?? null, broken: status.broken.map((b) => ({ ...b, id: b.id?.toString() ?? null })) });
});
