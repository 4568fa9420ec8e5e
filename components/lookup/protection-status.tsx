import { db } from "@/lib/db/client";
import type { TEntity } from "@/lib/domain/types";
import { describeProtection } from "@/lib/server/campaigns/describe-protection";

/** The protected-list line of a lookup answer, one per way the typed text was read. */
export async function ProtectionStatus({ targets }: { targets: readonly Pick<TEntity, "kind" | "value">[] }) {
  const now = new Date();
  const sentences = await Promise.all(targets.map((t) => describeProtection(db(), t, now)));
  return (
    <>
      {sentences.map((s, i) => (
        <p key={`${targets[i]!.kind}:${targets[i]!.value}`} data-testid="protection-status">
          {s}.
        </p>
      ))}
    </>
  );
}
