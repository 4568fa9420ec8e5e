import type { TDb } from "@/lib/db/client";
import { detectBruteForce, detectionToAlert } from "@/lib/ingest/brute-force-detector";
import type { TContextEvent } from "@/lib/ingest/context-event";
import type { TJobSender } from "@/lib/jobs/queues";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { insertContextEvents } from "@/lib/server/context/context-store";
import { readSetting } from "@/lib/server/settings/settings";
import { acceptAlerts } from "./accept-alerts";
import type { TAlertOutcome } from "./decide-ingested";

// Context events in, and Reflex's own SSH brute-force detector over them. Windows are in
// event time: a replayed log from 2015 is judged by its own clock.

export type TEventIngestResult = { inserted: number; detections: (TAlertOutcome & { ip: string; failures: number })[] };

type TAttemptRow = { occurredAt: Date; account: string | null; kind: string };

export async function ingestContextEvents(
  client: TDb,
  options: { events: TContextEvent[]; jobs: TJobSender; actor: TAuditActor },
): Promise<TEventIngestResult> {
  await insertContextEvents(client, options.events);
  const settings = await readSetting(client, "detector.sshBruteForce");
  if (!settings.enabled) return { inserted: options.events.length, detections: [] };

  const failuresByIp = new Map<string, Date[]>();
  for (const e of options.events) {
    if (e.kind !== "auth_failure" || !e.sourceIp) continue;
    (failuresByIp.get(e.sourceIp) ?? failuresByIp.set(e.sourceIp, []).get(e.sourceIp)!).push(e.occurredAt);
  }
  const detections: TEventIngestResult["detections"] = [];
  for (const [ip, times] of failuresByIp) {
    if (times.length === 0) continue;
    // Already blocked: a longer attack is one incident, not a new alert every batch.
    const live = await client.containment.count({ where: { action: "block_ip", targetValue: ip, status: { in: ["ACTIVE", "PENDING"] } } });
    if (live > 0) continue;
    const sorted = times.sort((a, b) => a.getTime() - b.getTime());
    const from = new Date(sorted[0]!.getTime() - settings.windowSeconds * 1000);
    const to = sorted[sorted.length - 1]!;
    const rows = await client.contextEvent.findMany({
      where: { sourceIp: ip, kind: { in: ["auth_failure", "auth_success"] }, occurredAt: { gte: from, lte: to } },
      select: { occurredAt: true, account: true, kind: true },
    });
    const failures = rows.filter((r: TAttemptRow) => r.kind === "auth_failure");
    const successes = rows.filter((r: TAttemptRow) => r.kind === "auth_success");
    // Slide the window over this batch's failures and report its worst point.
    const hit = sorted
      .map((at) => detectBruteForce({ failures, successes, threshold: settings.threshold, windowSeconds: settings.windowSeconds, at }))
      .reduce<ReturnType<typeof detectBruteForce>>((worst, d) => (d && (!worst || d.failures > worst.failures) ? d : worst), null);
    if (!hit) continue;
    const host = options.events.find((e) => e.sourceIp === ip)?.host ?? null;
    const alert = detectionToAlert(hit, ip, host);
    const [outcome] = await acceptAlerts(client, { alerts: [alert], actor: options.actor, jobs: options.jobs });
    detections.push({ ...outcome!, ip, failures: hit.failures });
  }
  return { inserted: options.events.length, detections };
}
