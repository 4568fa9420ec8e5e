import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postAlerts } from "@/app/api/v1/alerts/route";
import { callError, callJson, createToken, useDemoOrganisation } from "@/tests/api/route-helpers";
import { signInAs, signOut } from "@/tests/api/session-mock";
import { wazuhBruteForce } from "@/tests/helpers/pipeline";
import { GET as chain } from "./chain/route";
import { GET as audit } from "./route";

vi.mock("@/lib/server/auth/current-user", () => import("@/tests/api/session-mock"));

useDemoOrganisation();

let admin: { token: string };
let ingest: { token: string };

beforeAll(async () => {
  [admin, ingest] = await Promise.all([createToken("admin"), createToken("ingest")]);
  await callJson(postAlerts, "/api/v1/alerts", { token: ingest.token, body: wazuhBruteForce("91.240.118.70") });
});

type TLookupBody = {
  lookup: { entity: string; readAs: { kind: string; value: string }[]; contained: boolean; activeCount: number; signalCount: number };
  containments: { targetValue: string; status: string; policyVersion: number; reason: string; enforcement: unknown }[];
  signals: { title: string; severity: string }[];
  events: { id: string; type: string; summary: string; hash: string }[];
  nextCursor: string | null;
};

describe("GET /api/v1/audit", () => {
  it("answers a lookup for an admin token: containment, signals and the first page of the trail", async () => {
    const body = await callJson<TLookupBody>(audit, "/api/v1/audit?entity=91.240.118.0/24", { token: admin.token });
    expect(body.lookup).toMatchObject({ entity: "91.240.118.0/24", readAs: [{ kind: "cidr", value: "91.240.118.0/24" }], contained: true, activeCount: 1, signalCount: 1 });
    expect(body.containments[0]).toMatchObject({ targetValue: "91.240.118.70", status: "ACTIVE", policyVersion: 1 });
    expect(body.events.map((e) => e.type)).toContain("CONTAINMENT_EXECUTED");
    expect(body.events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("pages the trail with the cursor, without repeating the lookup", async () => {
    const first = await callJson<TLookupBody>(audit, "/api/v1/audit?entity=91.240.118.70&limit=2", { token: admin.token });
    expect(first.events).toHaveLength(2);
    const second = await callJson<Record<string, unknown>>(audit, `/api/v1/audit?entity=91.240.118.70&limit=2&cursor=${first.nextCursor}`, { token: admin.token });
    expect(second).not.toHaveProperty("containments");
    expect((second.events as { id: string }[]).every((e) => BigInt(e.id) < BigInt(first.events[1]!.id))).toBe(true);
  });

  it("is the plain feed without an entity, for a signed-in viewer", async () => {
    await signInAs("VIEWER");
    try {
      const body = await callJson<{ events: { type: string }[] }>(audit, "/api/v1/audit?type=alerts&limit=5");
      expect(body.events.length).toBeGreaterThan(0);
      expect(body.events.every((e) => e.type.startsWith("ALERT_"))).toBe(true);
    } finally {
      signOut();
    }
  });

  it("offers the release valve on a contained entry to who may release it, not to a viewer", async () => {
    const releasable = async () => {
      const body = await callJson<{ events: { type: string; releasable?: boolean }[] }>(audit, "/api/v1/audit?entity=91.240.118.70&type=CONTAINMENT_EXECUTED");
      return body.events.map((e) => e.releasable ?? false);
    };
    try {
      await signInAs("SOC");
      expect(await releasable()).toEqual([true]);
      await signInAs("VIEWER");
      expect(await releasable()).toEqual([false]);
      // Priya owns 10.20.0.0/16 and svc-settlement, not this address.
      await signInAs("OWNER");
      expect(await releasable()).toEqual([false]);
    } finally {
      signOut();
    }
  });

  it("refuses malformed input with a 400 that gives the reason", async () => {
    const cases: [string, RegExp][] = [
      ["entity=999.1.1.1", /"999.1.1.1" is not an IP address/],
      ["entity=10.0.0.0/99", /prefix length/],
      ["entity=10.0.0.1&from=yesterday", /from: "yesterday" is not a date/],
      ["entity=10.0.0.1&from=2026-02-30", /not a real date/],
      ["cursor=-1", /cursor/],
      ["limit=100000", /limit is at most 500/],
      ["entity=*.example", /too broad/],
    ];
    for (const [query, message] of cases) {
      const error = await callError(audit, `/api/v1/audit?${query}`, { token: admin.token, status: 400 });
      expect(error.code, query).toBe("BAD_INPUT");
      expect(error.message, query).toMatch(message);
    }
  });

  it("needs a token or a session with audit:view", async () => {
    await callError(audit, "/api/v1/audit", { status: 401 });
    await callError(audit, "/api/v1/audit", { token: ingest.token, status: 403 });
    await callError(audit, "/api/v1/audit", { token: "rfx_admin_wrong", status: 401 });
  });
});

describe("GET /api/v1/audit/chain", () => {
  it("says how far the hash chain is verified", async () => {
    const body = await callJson<{ state: string; verifiedUpToId: string | null; sentence: string }>(chain, "/api/v1/audit/chain", { token: admin.token });
    expect(body.state).toBe("verified");
    expect(body.sentence).toMatch(new RegExp(`^Hash chain verified up to event #${body.verifiedUpToId}`));
  });
});
