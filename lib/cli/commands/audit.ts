import type { Command } from "commander";
import { db } from "@/lib/db/client";
import { drainAuditSearchQueue, requeueUnindexedAuditEvents } from "@/lib/server/audit/index-audit-search";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { withCliDatabase } from "../run-command";

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("the tamper-evident audit log");
  audit
    .command("verify")
    .description("recompute every audit event's hash and check every chain; exits 1 at the first broken event")
    .action(() =>
      withCliDatabase(async () => {
        const reports = await verifyAuditChain(db());
        const total = reports.reduce((n, r) => n + r.events, 0);
        const broken = reports.filter((r) => !r.ok);
        if (broken.length === 0) {
          console.log(`Audit log verified: ${total} events in ${reports.length} chains, every hash and link holds.`);
          return;
        }
        for (const r of broken) {
          if (r.ok) continue;
          console.error(
            `Chain ${r.partition} is broken at event ${r.brokenAtId ?? "(missing)"} (position ${r.brokenAtSeq} in its chain): ${r.reason}`,
          );
        }
        process.exitCode = 1;
      }),
    );

  audit
    .command("reindex")
    .description("make every audit event searchable: queue those missing from the search index (events written by an older version during the upgrade) and index the queue now")
    .action(() =>
      withCliDatabase(async () => {
        const requeued = await requeueUnindexedAuditEvents(db());
        const indexed = await drainAuditSearchQueue(db());
        console.log(`Audit search: ${requeued} events were missing from the search index and were queued; ${indexed} queued events indexed.`);
      }),
    );
}
