import "server-only";
import type { TDb, TTx } from "@/lib/db/client";
import { MAX_EXAMPLES, type TAnswerOf, type TQuestionOf } from "@/lib/playbooks/context-questions";

// "How hard did this IP try?": failed logins from it in the window, on the
// [sourceIp, kind, occurredAt] index. Distinct accounts need COUNT(DISTINCT), which
// Prisma's query API has no way to say without fetching every account, hence the raw query.

export async function answerFailedLogins(client: TDb | TTx, q: TQuestionOf<"ip_failed_logins">): Promise<TAnswerOf<"ip_failed_logins">> {
  const where = { sourceIp: q.ip, kind: "auth_failure", occurredAt: { gte: q.since, lte: q.until } };
  const totals = await client.contextEvent.aggregate({ where, _count: { _all: true }, _min: { occurredAt: true }, _max: { occurredAt: true } });
  const count = totals._count._all;
  if (count === 0) return { kind: "ip_failed_logins", count: 0, distinctAccounts: 0, topAccounts: [], firstAt: null, lastAt: null };
  // The window as UTC timestamps whatever the session's TimeZone (the column has no zone).
  const [distinct] = await client.$queryRaw<{ accounts: number }[]>`
    SELECT count(DISTINCT "account")::int AS "accounts"
    FROM "ContextEvent"
    WHERE "sourceIp" = ${q.ip} AND "kind" = 'auth_failure'
      AND "occurredAt" >= (${q.since.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      AND "occurredAt" <= (${q.until.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const top = await client.contextEvent.groupBy({
    by: ["account"],
    where: { ...where, account: { not: null } },
    _count: { _all: true },
    orderBy: [{ _count: { id: "desc" } }, { account: "asc" }],
    take: MAX_EXAMPLES,
  });
  return {
    kind: "ip_failed_logins",
    count,
    distinctAccounts: distinct?.accounts ?? 0,
    topAccounts: top.flatMap((r) => (r.account === null ? [] : [r.account])),
    firstAt: totals._min.occurredAt,
    lastAt: totals._max.occurredAt,
  };
}
