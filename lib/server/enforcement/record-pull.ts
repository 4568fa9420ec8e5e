import "server-only";
import { randomUUID } from "node:crypto";
import type { TRawSql } from "@/lib/db/raw-sql";

// Reflex shows each firewall and bouncer as an enforcement point: when it last pulled and
// how often it does. One upsert per pull: feed and bouncer tokens have their row from
// creation; an admin token gets one the first time it pulls.

/** Weight of the newest gap in the moving estimate of the pull interval. */
const INTERVAL_WEIGHT = 0.3;

export type TRecordPullOptions = {
  tokenId: string;
  now?: Date;
  /** The stream's new cursor; the stored one only ever moves forward. */
  cursor?: bigint | null;
  /**
   * Write only when the last recorded pull is at least this old (live lookups, which a
   * bouncer may send once per request, are recorded at most once a minute).
   */
  minGapSecs?: number;
};

export async function recordPull(client: TRawSql, options: TRecordPullOptions): Promise<void> {
  const now = (options.now ?? new Date()).toISOString();
  const cursor = options.cursor ?? null;
  const minGap = options.minGapSecs ?? 0;
  // Timestamps go in as UTC text and are stored as timestamp(3) in UTC, as Prisma does.
  await client.$executeRaw`
    INSERT INTO "EnforcementPoint" ("id", "tokenId", "lastPullAt", "pulls", "cursor")
    VALUES (${randomUUID()}, ${options.tokenId}, (${now}::timestamptz AT TIME ZONE 'UTC'), 1, ${cursor}::bigint)
    ON CONFLICT ("tokenId") DO UPDATE SET
      "pulls" = "EnforcementPoint"."pulls" + 1,
      "lastPullAt" = GREATEST("EnforcementPoint"."lastPullAt", EXCLUDED."lastPullAt"),
      "intervalSecs" = CASE
        WHEN "EnforcementPoint"."lastPullAt" IS NULL OR EXCLUDED."lastPullAt" <= "EnforcementPoint"."lastPullAt"
          THEN "EnforcementPoint"."intervalSecs"
        WHEN "EnforcementPoint"."intervalSecs" IS NULL
          THEN EXTRACT(EPOCH FROM EXCLUDED."lastPullAt" - "EnforcementPoint"."lastPullAt")::double precision
        ELSE "EnforcementPoint"."intervalSecs" * ${1 - INTERVAL_WEIGHT}::double precision
          + EXTRACT(EPOCH FROM EXCLUDED."lastPullAt" - "EnforcementPoint"."lastPullAt")::double precision * ${INTERVAL_WEIGHT}::double precision
      END,
      "cursor" = GREATEST("EnforcementPoint"."cursor", EXCLUDED."cursor")
    WHERE ${minGap}::double precision <= 0
      OR "EnforcementPoint"."lastPullAt" IS NULL
      OR "EnforcementPoint"."lastPullAt" <= EXCLUDED."lastPullAt" - make_interval(secs => ${minGap}::double precision)`;
}
