import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as crowdsecDecisions } from "@/app/api/crowdsec/v1/decisions/route";
import { POST as postAlerts } from "@/app/api/v1/alerts/route";
import { POST as release } from "@/app/api/v1/containments/[id]/release/route";
import { GET as getContainment } from "@/app/api/v1/containments/[id]/route";
import { GET as listContainments } from "@/app/api/v1/containments/route";
import { GET as blocklist } from "@/app/api/v1/feeds/blocklist.txt/route";
import { db } from "@/lib/db/client";
import { activate, end } from "@/lib/server/enforcement/test-fixtures";
import { ZAlertIngestResult, ZContainmentPage, ZContainmentStory, ZReleaseResult } from "@/lib/server/openapi/response-schemas";
import { wazuhBruteForce } from "@/tests/helpers/pipeline";
import { call, callError, callJson, createToken, useDemoOrganisation } from "./route-helpers";
import { signInAs, signOut } from "./session-mock";

vi.mock("@/lib/server/auth/current-user", () => import("./session-mock"));

useDemoOrganisation();

let admin: { token: string; name: string };
let ingest: { token: string; name: string };
let feed: { token: string; name: string };
let bouncer: { token: string; name: string };

beforeAll(async () => {
  [admin, ingest, feed, bouncer] = await Promise.all([createToken("admin"), createToken("ingest"), createToken("feed"), createToken("bouncer")]);
});

/** Sends a Wazuh sshd brute force from `ip` through POST /api/v1/alerts; the demo policy blocks it. */
async function contain(ip: string): Promise<string> {
  const result = ZAlertIngestResult.parse(await callJson(postAlerts, "/api/v1/alerts", { token: ingest.token, body: wazuhBruteForce(ip) }));
  expect(result.alerts[0]).toMatchObject({ verdict: "execute", containmentId: expect.any(String) });
  return result.alerts[0]!.containmentId!;
}

async function list(query: string) {
  return ZContainmentPage.parse(await callJson(listContainments, `/api/v1/containments?${query}`, { token: admin.token }));
}

async function story(id: string) {
  return ZContainmentStory.parse(await callJson(getContainment, `/api/v1/containments/${id}`, { token: admin.token, params: { id } }));
}

async function feedLines(): Promise<string[]> {
  const response = await call(blocklist, `/api/v1/feeds/blocklist.txt?token=${encodeURIComponent(feed.token)}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  return (await response.text()).split("\n").filter(Boolean);
}

async function bouncerSees(ip: string): Promise<boolean> {
  const response = await call(crowdsecDecisions, `/api/crowdsec/v1/decisions?ip=${ip}`, { headers: { "x-api-key": bouncer.token } });
  expect(response.status).toBe(200);
  return (await response.json()) !== null;
}

describe("GET /api/v1/containments", () => {
  it("finds an active containment by its IP, by a CIDR around it, and a blocked CIDR by an IP inside it", async () => {
    const id = await contain("91.240.118.50");
    expect((await list("target=91.240.118.50&status=active")).containments.map((c) => c.id)).toEqual([id]);
    expect((await list("target=91.240.118.48/29&status=active")).containments.map((c) => c.id)).toEqual([id]);
    expect((await list("target=91.240.118.50&status=released")).containments).toEqual([]);

    const range = await activate(db(), { value: "91.240.119.0/24" });
    const inside = await list("target=91.240.119.7&status=active");
    expect(inside.containments).toHaveLength(1);
    expect(inside.containments[0]).toMatchObject({ id: range.id, targetKind: "cidr", targetValue: "91.240.119.0/24", status: "ACTIVE" });
  });

  it("finds an IPv4 address inside an IPv6 range covering the IPv4-mapped space, and the other way round", async () => {
    // Ended at once, and looked up among expired ones: a range this wide holds every other test's addresses.
    const wide = await activate(db(), { value: "::fffe:0:0/95" });
    await end(db(), wide.id, "EXPIRED");
    const narrow = await activate(db(), { value: "203.0.113.201" });
    await end(db(), narrow.id, "EXPIRED");
    expect((await list("target=203.0.113.201&status=expired")).containments.map((c) => c.targetValue)).toEqual(["203.0.113.201", "::fffe:0:0/95"]);
    expect((await list("target=203.0.113.0/24&status=expired")).containments.map((c) => c.targetValue)).toEqual(["203.0.113.201", "::fffe:0:0/95"]);
    expect((await list("target=::/0&status=expired")).containments.map((c) => c.targetValue)).toEqual(expect.arrayContaining(["203.0.113.201", "::fffe:0:0/95"]));
    expect((await list("target=2001:db8::/32&status=expired")).containments).toEqual([]);
  });

  it("pages with a cursor: limit=1, then the nextCursor, until it is null", async () => {
    const older = await contain("91.240.118.1");
    const newer = await contain("91.240.118.2");
    const first = await list("target=91.240.118.0/30&status=active&limit=1");
    expect(first.containments.map((c) => c.id)).toEqual([newer]);
    expect(first.nextCursor).toMatch(/^\d+$/);
    const second = await list(`target=91.240.118.0/30&status=active&limit=1&cursor=${first.nextCursor}`);
    expect(second.containments.map((c) => c.id)).toEqual([older]);
    const third = await list(`target=91.240.118.0/30&status=active&limit=1&cursor=${second.nextCursor}`);
    expect(third).toEqual({ containments: [], nextCursor: null });

    // Without a target filter the same cursor walks every containment, newest first.
    const all = await list("limit=1");
    const next = await list(`limit=1&cursor=${all.nextCursor}`);
    expect(next.containments[0]!.number).toBeLessThan(all.containments[0]!.number);
  });

  it("refuses a bad query with the field to fix", async () => {
    const at = (query: string) => callError(listContainments, `/api/v1/containments?${query}`, { token: admin.token, status: 400 });
    expect(Object.keys((await at("status=on")).fields ?? {})).toEqual(["status"]);
    expect((await at("target=not%20a%20target!")).fields?.target).toBeDefined();
    expect((await at("limit=0")).fields?.limit).toBeDefined();
    expect((await at("limit=501")).fields?.limit).toBeDefined();
    expect((await at("cursor=abc")).fields?.cursor?.[0]).toMatch(/nextCursor/);
  });
});

describe("GET /api/v1/containments/{id}", () => {
  it("tells the whole story, from the alert to the block", async () => {
    const id = await contain("91.240.118.60");
    const { containment, story: events } = await story(id);
    expect(containment).toMatchObject({ id, targetValue: "91.240.118.60", status: "ACTIVE", action: "block_ip", policyVersion: 1, alertId: expect.any(String) });
    expect(events.map((e) => e.type)).toEqual(["ALERT_RECEIVED", "CONTEXT_QUERIED", "ASSESSED", "DECIDED", "CONTAINMENT_EXECUTED"]);
    expect(events[0]).toMatchObject({ actorKind: "TOKEN", actorName: `token "${ingest.name}"` });
    expect(events.at(-1)!.summary).toMatch(/^Blocked 91\.240\.118\.60 at the perimeter for 4h/);
  });

  it("an unknown id is 404, whatever its shape", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope"]) {
      const error = await callError(getContainment, `/api/v1/containments/${id}`, { token: admin.token, params: { id }, status: 404 });
      expect(error).toMatchObject({ code: "NOT_FOUND", message: "No containment with that id." });
    }
    const id = "00000000-0000-4000-8000-000000000000";
    await callError(release, `/api/v1/containments/${id}/release`, { token: admin.token, params: { id }, body: { reason: "tidy up" }, status: 404 });
  });
});

describe("POST /api/v1/containments/{id}/release", () => {
  const releasePath = (id: string) => `/api/v1/containments/${id}/release`;

  it("needs a reason; releases once; the address leaves the feed and the bouncer API; a second release changes nothing", async () => {
    const ip = "91.240.118.100";
    const id = await contain(ip);
    expect(await feedLines()).toContain(ip);
    expect(await bouncerSees(ip)).toBe(true);

    const missing = await callError(release, releasePath(id), { token: admin.token, params: { id }, body: {}, status: 400 });
    expect(missing.fields?.reason).toBeDefined();
    const short = await callError(release, releasePath(id), { token: admin.token, params: { id }, body: { reason: "no" }, status: 400 });
    expect(short.fields?.reason?.[0]).toMatch(/at least 3 characters/);
    const notJson = await callError(release, releasePath(id), { token: admin.token, params: { id }, body: "reason=oops", status: 400 });
    expect(notJson.message).toMatch(/not valid JSON/);
    expect((await story(id)).containment.status).toBe("ACTIVE");

    const first = ZReleaseResult.parse(await callJson(release, releasePath(id), { token: admin.token, params: { id }, body: { reason: "partner's scanner" } }));
    expect(first).toEqual({ containmentId: id, status: "RELEASED", alreadyReleased: false, releasedBy: `token "${admin.name}"` });
    expect(await feedLines()).not.toContain(ip);
    expect(await bouncerSees(ip)).toBe(false);

    const second = ZReleaseResult.parse(await callJson(release, releasePath(id), { token: admin.token, params: { id }, body: { reason: "again" } }));
    expect(second).toMatchObject({ alreadyReleased: true, status: "RELEASED" });

    const after = await story(id);
    expect(after.containment).toMatchObject({ status: "RELEASED", releaseReason: "partner's scanner", releasedByName: `token "${admin.name}"` });
    expect(after.story.map((e) => e.type).slice(-2)).toEqual(["CONTAINMENT_RELEASED", "RELEASE_REPEATED"]);
    expect((await list(`target=${ip}&status=released`)).containments.map((c) => c.id)).toEqual([id]);
  });

  it("refuses tokens and roles without containment:release", async () => {
    const id = await contain("91.240.118.101");
    const body = { reason: "should not happen" };
    expect((await callError(release, releasePath(id), { token: ingest.token, params: { id }, body, status: 403 })).message).toMatch(/containment:release/);
    await callError(release, releasePath(id), { token: feed.token, params: { id }, body, status: 403 });
    await signInAs("VIEWER");
    try {
      await callError(release, releasePath(id), { params: { id }, body, status: 403 });
    } finally {
      signOut();
    }
    await callError(release, releasePath(id), { params: { id }, body, status: 401 });
    expect((await story(id)).containment.status).toBe("ACTIVE");
  });

  it("a console user releases under their own name; an OWNER may not release what is not on their assets", async () => {
    const id = await contain("91.240.118.102");
    await signInAs("OWNER");
    try {
      await callError(release, releasePath(id), { params: { id }, body: { reason: "not mine to release" }, status: 404 });
      await signInAs("SOC");
      const result = ZReleaseResult.parse(await callJson(release, releasePath(id), { params: { id }, body: { reason: "confirmed false positive", holdOffSeconds: 3600 } }));
      expect(result).toMatchObject({ alreadyReleased: false, releasedBy: "Sam Okafor" });
    } finally {
      signOut();
    }
    const types = (await story(id)).story.map((e) => e.type);
    expect(types.slice(-2)).toEqual(["CONTAINMENT_RELEASED", "HOLD_PLACED"]);
  });
});

describe("GET /api/v1/feeds/blocklist.txt", () => {
  it("answers 304 to the ETag it sent, and accepts the token as Bearer or X-Api-Key too", async () => {
    await contain("91.240.118.120");
    const first = await call(blocklist, "/api/v1/feeds/blocklist.txt", { token: feed.token });
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(await first.text()).toContain("91.240.118.120\n");
    const again = await call(blocklist, "/api/v1/feeds/blocklist.txt", { headers: { "x-api-key": feed.token, "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    await callError(blocklist, "/api/v1/feeds/blocklist.txt?token=rfx_feed_wrong", { status: 401 });
    await callError(blocklist, `/api/v1/feeds/blocklist.txt?token=${ingest.token}`, { status: 403 });
  });
});
