import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TEntityKind } from "@/lib/domain/types";
import { findMatchingRegistrations } from "./find-matching-registrations";

// The decision's candidate query, on the database: it may over-match (the decision
// re-checks), but every selector kind must find what the selector logic matches.

let ownerId: string;
const now = new Date("2026-06-01T00:00:00Z");

async function register(kind: TEntityKind, value: string, over: { deletedAt?: Date; expiresAt?: Date } = {}) {
  await db().protectedAsset.create({
    data: {
      selectorKind: kind, selectorValue: value, ownerId, businessService: `svc ${value}`, assetClass: "internal-server", criticality: "HIGH",
      justification: "test", onCallContact: "oncall@example.com", requirements: {}, certifiedAt: now, ...over,
    },
  });
}

async function matches(kind: TEntityKind, value: string): Promise<string[]> {
  return (await findMatchingRegistrations(db(), { kind, value }, now)).map((r) => r.selector.value).sort();
}

beforeAll(async () => {
  ownerId = (await db().user.create({ data: { email: "owner-m@example.com", name: "Owner M", role: "OWNER" } })).id;
  await register("host", "db-01.pay.corp.example");
  await register("host", "*.pay.corp.example");
  await register("host", "*.corp.example");
  await register("host", "*.other.example");
  await register("account", "Svc-Settlement");
  await register("app", "Payments API");
  await register("account", "gone", { deletedAt: now });
  await register("account", "lapsed", { expiresAt: new Date(now.getTime() - 1000) });
});

describe("findMatchingRegistrations", () => {
  it("finds a host by its name and by the wildcards on its parent domains", async () => {
    expect(await matches("host", "db-01.pay.corp.example")).toEqual(["*.corp.example", "*.pay.corp.example", "db-01.pay.corp.example"]);
    expect(await matches("host", "web.corp.example")).toEqual(["*.corp.example"]);
    expect(await matches("host", "corp.example")).toEqual([]);
    expect(await matches("host", "DB-01.Pay.Corp.Example")).toEqual(["*.corp.example", "*.pay.corp.example", "db-01.pay.corp.example"]);
  });

  it("finds accounts and applications by name, ignoring case, and skips deleted and lapsed registrations", async () => {
    expect(await matches("account", "svc-settlement")).toEqual(["Svc-Settlement"]);
    expect(await matches("app", "payments api")).toEqual(["Payments API"]);
    expect(await matches("account", "gone")).toEqual([]);
    expect(await matches("account", "lapsed")).toEqual([]);
  });
});
