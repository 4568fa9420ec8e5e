import { db } from "@/lib/db/client";
import { parseAlertPayload } from "@/lib/ingest/parse-alerts";
import { readSample } from "@/lib/ingest/test-samples";
import { recordingJobSender } from "@/lib/jobs/queues";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { acceptAlerts } from "@/lib/server/pipeline/accept-alerts";

/** The Wazuh rule 5712 sample, with its source moved to an external address. */
export function wazuhBruteForce(srcip: string, id = `${srcip}-${Math.random()}`): unknown {
  const sample = readSample("wazuh/wazuh-5712-sshd-bruteforce-integratord-test.json") as Record<string, unknown> & { data: Record<string, unknown> };
  return { ...sample, id, data: { ...sample.data, srcip } };
}

/** Parses, stores and decides a payload the way POST /api/v1/alerts does. */
export async function sendAlert(payload: unknown, options: { idempotencyKey?: string; jobs?: ReturnType<typeof recordingJobSender> } = {}) {
  const parsed = parseAlertPayload(payload, { receivedAt: new Date() });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const jobs = options.jobs ?? recordingJobSender();
  return acceptAlerts(db(), { alerts: parsed.alerts, idempotencyKey: options.idempotencyKey, actor: SYSTEM_ACTOR, jobs });
}

let failingTriggers = 0;

/**
 * Makes every Decision insert for `targetValue` fail, as a full disk would, until `stop()`:
 * the failure lands inside the loop's transaction, for that target only.
 */
export async function failDecisionInserts(targetValue: string): Promise<{ stop(): Promise<void> }> {
  const name = `test_fail_decision_${++failingTriggers}`;
  await db().$executeRawUnsafe(`CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
  await db().$executeRawUnsafe(
    `CREATE TRIGGER "${name}" BEFORE INSERT ON "Decision" FOR EACH ROW WHEN (NEW."targetValue" = '${targetValue.replaceAll("'", "''")}') EXECUTE FUNCTION "${name}"()`,
  );
  return { stop: () => db().$executeRawUnsafe(`DROP TRIGGER "${name}" ON "Decision"`).then(() => undefined) };
}
