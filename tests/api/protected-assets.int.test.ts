import { afterEach, describe, expect, it, vi } from "vitest";
import { DELETE, GET as getOne, PATCH, PUT } from "@/app/api/v1/protected-assets/[id]/route";
import { GET, POST } from "@/app/api/v1/protected-assets/route";
import { db } from "@/lib/db/client";
import { callError, callJson, createToken, useDemoOrganisation } from "./route-helpers";
import { signInAs, signOut } from "./session-mock";

vi.mock("@/lib/server/auth/current-user", () => import("./session-mock"));

useDemoOrganisation();
afterEach(() => signOut());

const LIST = "/api/v1/protected-assets";
const one = (id: string) => `${LIST}/${id}`;

type TView = { id: string; selector: { kind: string; value: string }; owner: { email: string }; businessService: string; criticality: string; editVersion: number; requirements: { maxTtlSeconds: number | null; approvalBy: string | null }; expiresAt: string };

const BODY = {
  selector: { kind: "cidr", value: "10.70.3.4/24" },
  businessService: "Warehouse scanners",
  businessUnit: "Logistics",
  assetClass: "server",
  criticality: "HIGH",
  justification: "Handheld scanners in every warehouse",
  onCallContact: "logistics-oncall@example.com",
  ownerEmail: "owner@example.com",
  requirements: { approvalBy: "Logistics CAB", maxTtlSeconds: 7200 },
};

describe("/api/v1/protected-assets", () => {
  it("lets a CMDB sync with an admin token create, read, change and delete registrations", async () => {
    const { token } = await createToken("admin");
    const created = await callJson<TView>(POST, LIST, { token, body: BODY, status: 201 });
    expect(created).toMatchObject({ selector: { kind: "cidr", value: "10.70.3.0/24" }, owner: { email: "owner@example.com" }, editVersion: 1 });
    expect(new Date(created.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const page = await callJson<{ items: TView[]; nextCursor: string | null }>(GET, `${LIST}?q=warehouse`, { token });
    expect(page.items.map((r) => r.id)).toEqual([created.id]);
    expect(await callJson<TView>(getOne, one(created.id), { token, params: { id: created.id } })).toMatchObject({ id: created.id });

    const patched = await callJson<TView>(PATCH, one(created.id), { method: "PATCH", token, params: { id: created.id }, body: { criticality: "CRITICAL", requirements: { maxTtlSeconds: 1800 } } });
    expect(patched).toMatchObject({ criticality: "CRITICAL", editVersion: 2, requirements: { maxTtlSeconds: 1800, approvalBy: "Logistics CAB" } });

    const { ownerEmail: _owner, ...put } = BODY;
    const stale = await callError(PUT, one(created.id), { method: "PUT", token, params: { id: created.id }, body: { ...put, editVersion: 1 }, status: 409 });
    expect(stale.message).toMatch(/while you were editing/);
    expect(await callJson<TView>(PUT, one(created.id), { method: "PUT", token, params: { id: created.id }, body: { ...put, businessService: "Scanners", editVersion: 2 } })).toMatchObject({ businessService: "Scanners", editVersion: 3 });

    expect(await callJson(DELETE, one(created.id), { method: "DELETE", token, params: { id: created.id } })).toEqual({ id: created.id });
    await callError(getOne, one(created.id), { token, params: { id: created.id }, status: 404 });
    const events = await db().auditEvent.findMany({ where: { type: "REGISTRATION_CHANGED", subjectValue: "10.70.3.0/24" }, orderBy: { id: "asc" } });
    expect(events.map((e) => (e.data as { change: string }).change)).toEqual(["created", "edited", "edited", "deleted"]);
    expect(events.every((e) => e.actorKind === "TOKEN")).toBe(true);
  });

  it("answers invalid input with 400 and a message per field, and writes nothing", async () => {
    const { token } = await createToken("admin");
    const before = await db().protectedAsset.count();
    const bad = await callError(POST, LIST, {
      token,
      body: { ...BODY, selector: { kind: "cidr", value: "10.70.0.0/33" }, criticality: "urgent", requirements: { maxTtlSeconds: -5 } },
      status: 400,
    });
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["criticality", "requirements.maxTtlSeconds", "selector.value"]);
    expect(bad.fields?.["selector.value"]?.[0]).toMatch(/not a valid prefix length for IPv4/);
    const host = await callError(POST, LIST, { token, body: { ...BODY, selector: { kind: "host", value: "bad_host..example" } }, status: 400 });
    expect(host.fields?.["selector.value"]?.[0]).toMatch(/empty labels/);
    const noOwner = await callError(POST, LIST, { token, body: { ...BODY, ownerEmail: undefined }, status: 400 });
    expect(noOwner.fields?.ownerEmail?.[0]).toMatch(/token cannot own registrations/);
    const unknownOwner = await callError(POST, LIST, { token, body: { ...BODY, ownerEmail: "nobody@example.com" }, status: 400 });
    expect(unknownOwner.fields?.ownerEmail?.[0]).toMatch(/not a Reflex user/);
    const id = (await db().protectedAsset.findFirstOrThrow({ where: { deletedAt: null } })).id;
    const patch = await callError(PATCH, one(id), { method: "PATCH", token, params: { id }, body: { selector: { kind: "ip", value: "2001:db8::g" } }, status: 400 });
    expect(patch.fields?.["selector.value"]?.[0]).toMatch(/not an IP address/);
    const owner = await callError(PATCH, one(id), { method: "PATCH", token, params: { id }, body: { ownerEmail: "soc@example.com" }, status: 400 });
    expect(owner.fields?.ownerEmail?.[0]).toMatch(/hand the registration over in the console/);
    const { ownerEmail: _owner, ...whole } = BODY;
    const replaced = await callError(PUT, one(id), { method: "PUT", token, params: { id }, body: { ...whole, ownerEmail: "soc@example.com" }, status: 400 });
    expect(replaced.fields?.ownerEmail?.[0]).toMatch(/hand the registration over in the console/);
    expect(await db().protectedAsset.count()).toBe(before);
  });

  it("refuses a wrong token with 401 and a token without the scope with 403", async () => {
    expect((await callError(GET, LIST, { token: "rfx_not-a-token", status: 401 })).code).toBe("UNAUTHENTICATED");
    await callError(POST, LIST, { body: BODY, status: 401 });
    await callError(POST, LIST, { token: (await createToken("ingest")).token, body: BODY, status: 403 });
  });

  it("scopes a business owner's session to their own registrations, and refuses a viewer's change", async () => {
    const { token } = await createToken("admin");
    await db().user.create({ data: { email: "other-owner@example.com", name: "Other Owner", role: "OWNER" } });
    const others = await callJson<TView>(POST, LIST, { token, body: { ...BODY, selector: { kind: "ip", value: "10.71.0.1" }, ownerEmail: "other-owner@example.com" }, status: 201 });
    await signInAs("OWNER");
    const mine = await callJson<{ items: TView[] }>(GET, `${LIST}?limit=500`);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r) => r.owner.email === "owner@example.com")).toBe(true);
    await callError(getOne, one(others.id), { params: { id: others.id }, status: 404 });
    await callError(DELETE, one(others.id), { method: "DELETE", params: { id: others.id }, status: 404 });
    await callError(PATCH, one(others.id), { method: "PATCH", params: { id: others.id }, body: { businessService: "mine now" }, status: 404 });
    await signInAs("VIEWER");
    expect((await callJson<{ items: TView[] }>(GET, `${LIST}?limit=500`)).items.map((r) => r.id)).toContain(others.id);
    await callError(DELETE, one(others.id), { method: "DELETE", params: { id: others.id }, status: 403 });
    expect((await db().protectedAsset.findUniqueOrThrow({ where: { id: others.id } })).deletedAt).toBeNull();
  });
});
