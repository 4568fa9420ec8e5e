import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { GET, HEAD } from "@/app/api/crowdsec/v1/decisions/route";
import { activate, end, makeToken } from "./test-fixtures";

let token = "";
const ids: Record<string, number> = {};

function lookup(query: string, key = token) {
  return GET(new Request(`http://reflex.test/api/crowdsec/v1/decisions?${query}`, { headers: { "X-Api-Key": key } }));
}

async function found(query: string): Promise<number[] | null> {
  const response = await lookup(query);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { id: number }[] | null;
  return body === null ? null : body.map((d) => d.id);
}

beforeAll(async () => {
  token = (await makeToken(db(), "bouncer")).token;
  for (const value of ["192.0.2.7", "192.0.2.128/25", "10.20.0.0/16", "2001:db8:aa::/48", "2001:db8:bb::5"]) {
    ids[value] = (await activate(db(), { value })).number;
  }
  const released = await activate(db(), { value: "192.0.2.9" });
  await end(db(), released.id);
  await activate(db(), { value: "192.0.2.10", expiresInSecs: -5 });
});

describe("GET /api/crowdsec/v1/decisions", () => {
  it("finds an address's own decision", async () => {
    expect(await found("ip=192.0.2.7")).toEqual([ids["192.0.2.7"]]);
    expect(await found("scope=Ip&value=192.0.2.7")).toEqual([ids["192.0.2.7"]]);
    expect(await found("ip=::ffff:192.0.2.7")).toEqual([ids["192.0.2.7"]]);
  });

  it("matches an address inside a banned range, IPv4 and IPv6", async () => {
    expect(await found("ip=192.0.2.200")).toEqual([ids["192.0.2.128/25"]]);
    expect(await found("ip=10.20.255.1")).toEqual([ids["10.20.0.0/16"]]);
    expect(await found("ip=2001:db8:aa:1::99")).toEqual([ids["2001:db8:aa::/48"]]);
    expect(await found("ip=2001:DB8:BB:0::5")).toEqual([ids["2001:db8:bb::5"]]);
  });

  it("answers the JSON null when nothing matches, as CrowdSec does", async () => {
    for (const query of ["ip=192.0.2.8", "ip=192.0.2.9", "ip=192.0.2.10", "ip=2001:db8:cc::1", "ip=192.0.2.7&type=captcha", "scope=username&value=bob"]) {
      const response = await lookup(query);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("null");
    }
  });

  it("looks up ranges: containing by default, contained with contains=false", async () => {
    expect(await found("range=10.20.30.0/24")).toEqual([ids["10.20.0.0/16"]]);
    expect(await found("range=192.0.2.0/24")).toBeNull();
    expect(await found("range=192.0.2.0/24&contains=false")).toEqual([ids["192.0.2.7"], ids["192.0.2.128/25"]]);
  });

  it("lists every active decision without a target, and applies the filters", async () => {
    expect(await found("")).toEqual(Object.values(ids).sort((a, b) => a - b));
    expect(await found("scopes=range&scenarios_containing=ssh")).toEqual(
      [ids["192.0.2.128/25"], ids["10.20.0.0/16"], ids["2001:db8:aa::/48"]].sort((a, b) => a! - b!),
    );
    expect(await found("origins=cscli")).toBeNull();
  });

  it("refuses a value that is not an address with 400", async () => {
    const response = await lookup("ip=not-an-ip");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: expect.stringContaining("not an IP address") });
  });

  it("refuses a wrong key with 403 and answers HEAD probes", async () => {
    const wrong = await lookup("ip=192.0.2.7", "nope");
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toBe('{"message":"access forbidden"}');
    const probe = await HEAD(new Request("http://reflex.test/api/crowdsec/v1/decisions", { method: "HEAD", headers: { "X-Api-Key": token } }));
    expect(probe.status).toBe(200);
    const refused = await HEAD(new Request("http://reflex.test/api/crowdsec/v1/decisions", { method: "HEAD" }));
    expect(refused.status).toBe(403);
  });
});
