import { describe, expect, it } from "vitest";
import { parseSelector, selectorMatches, selectorSpecificity, ZSelector } from "./selectors";

const ok = (kind: string, value: string) => {
  const parsed = parseSelector(kind, value);
  if (!parsed.ok) throw new Error(`expected ${kind} ${value} to parse: ${parsed.error}`);
  return parsed.value.value;
};
const error = (kind: string, value: string) => {
  const parsed = parseSelector(kind, value);
  if (parsed.ok) throw new Error(`expected ${kind} ${value} to be refused, got ${parsed.value.value}`);
  return parsed.error;
};

describe("parseSelector", () => {
  it("canonicalises IP addresses", () => {
    expect(ok("ip", " 203.0.113.7 ")).toBe("203.0.113.7");
    expect(ok("ip", "2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(ok("ip", "::FFFF:10.0.0.1")).toBe("10.0.0.1");
    expect(ok("ip", "::ffff:a00:1")).toBe("10.0.0.1");
  });

  it("refuses ambiguous or malformed addresses, saying what to write", () => {
    expect(error("ip", "10.1")).toMatch(/write an IPv4 address like 203\.0\.113\.7/);
    expect(error("ip", "010.0.0.1")).toMatch(/not an IP address/);
    expect(error("ip", "256.0.0.1")).toMatch(/not an IP address/);
    expect(error("ip", "::ffff:010.0.0.1")).toMatch(/not an IP address/);
    expect(error("ip", "10.0.0.0/8")).toMatch(/use the kind "cidr"/);
    expect(error("ip", "fe80::1%eth0")).toMatch(/zone id/);
    expect(error("ip", "  ")).toMatch(/Enter a value/);
  });

  it("normalises CIDRs to their network address", () => {
    expect(ok("cidr", "10.1.2.3/8")).toBe("10.0.0.0/8");
    expect(ok("cidr", "2001:db8::1/32")).toBe("2001:db8::/32");
    expect(ok("cidr", "::ffff:10.1.0.0/104")).toBe("10.0.0.0/8");
    expect(ok("cidr", "0.0.0.0/0")).toBe("0.0.0.0/0");
    expect(ok("cidr", "::/0")).toBe("::/0");
  });

  it("refuses CIDRs without a usable prefix", () => {
    expect(error("cidr", "10.0.0.1")).toBe('"10.0.0.1" has no prefix length: write 10.0.0.1/32 for one address, or use the kind "ip"');
    expect(error("cidr", "2001:db8::1")).toMatch(/2001:db8::1\/128/);
    expect(error("cidr", "10.0.0.0/33")).toMatch(/use 0–32/);
    expect(error("cidr", "2001:db8::/129")).toMatch(/use 0–128/);
    expect(error("cidr", "10.0.0.0/8/9")).toMatch(/not a valid prefix length/);
    expect(error("cidr", "10.0.0.0/x")).toMatch(/not a valid prefix length/);
  });

  it("validates host names and wildcard patterns", () => {
    expect(ok("host", "WEB-01.Pay.Corp.Example.")).toBe("web-01.pay.corp.example");
    expect(ok("host", "*.Pay.Corp.Example")).toBe("*.pay.corp.example");
    expect(ok("host", "ws_042")).toBe("ws_042");
    expect(error("host", "*.com")).toMatch(/too broad/);
    expect(error("host", "web.*.example")).toMatch(/only allowed as the whole first label/);
    expect(error("host", "-web.example")).toMatch(/must not start or end with a hyphen/);
    expect(error("host", "web..example")).toMatch(/empty labels/);
    expect(error("host", `${"a".repeat(64)}.example`)).toMatch(/longer than 63/);
    expect(error("host", "10.0.0.1")).toMatch(/use the kind "ip"/);
  });

  it("accepts the account forms SOCs see, case-insensitively", () => {
    expect(ok("account", "Alice")).toBe("alice");
    expect(ok("account", "CORP\\Alice")).toBe("corp\\alice");
    expect(ok("account", "Alice.Smith@Corp.Example")).toBe("alice.smith@corp.example");
    expect(ok("account", "WEB01$")).toBe("web01$");
    expect(error("account", "alice smith")).toMatch(/contains spaces/);
    expect(error("account", "corp\\alice@corp.example")).toMatch(/write user, DOMAIN\\user or user@domain/);
    expect(error("account", "@corp.example")).toMatch(/not a user name/);
    expect(error("account", "alice:x")).toMatch(/cannot be in a user name/);
  });

  it("keeps app tags exact and names unknown kinds", () => {
    expect(ok("app", " Payments API ")).toBe("Payments API");
    expect(error("app", "a\u0007b")).toMatch(/control characters/);
    expect(error("mac", "00:11")).toBe('Unknown selector kind "mac": use one of ip, cidr, host, account, app');
  });
});

describe("ZSelector", () => {
  it("returns the canonical selector or an issue on the value field", () => {
    expect(ZSelector.parse({ kind: "cidr", value: "10.9.9.9/16" })).toEqual({ kind: "cidr", value: "10.9.0.0/16" });
    const result = ZSelector.safeParse({ kind: "ip", value: "10.1" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["value"]);
    expect(result.error?.issues[0]?.message).toMatch(/not an IP address/);
    expect(ZSelector.safeParse({ kind: "mac", value: "x" }).success).toBe(false);
  });
});

describe("selectorMatches", () => {
  const cases: [string, string, string, string, boolean][] = [
    ["ip", "10.0.0.1", "ip", "10.0.0.1", true],
    ["ip", "10.0.0.1", "ip", "10.0.0.2", false],
    ["ip", "10.0.0.1", "ip", "::ffff:10.0.0.1", true],
    ["cidr", "10.0.0.0/8", "ip", "10.200.1.1", true],
    ["cidr", "10.0.0.0/8", "ip", "11.0.0.1", false],
    ["cidr", "10.0.0.0/8", "ip", "::ffff:10.2.3.4", true],
    ["ip", "10.0.0.5", "cidr", "10.0.0.0/24", true], // blocking the range would hit the address
    ["cidr", "10.0.0.0/8", "cidr", "10.1.0.0/16", true],
    ["cidr", "10.1.0.0/16", "cidr", "10.0.0.0/8", true],
    ["cidr", "10.1.0.0/16", "cidr", "10.2.0.0/16", false],
    ["cidr", "2001:db8::/32", "ip", "2001:db8:1::7", true],
    ["cidr", "2001:db8::/32", "ip", "10.0.0.1", false],
    ["host", "web-01.pay.corp.example", "host", "WEB-01.pay.corp.example", true],
    ["host", "*.pay.corp.example", "host", "web-01.Pay.Corp.Example", true],
    ["host", "*.pay.corp.example", "host", "a.b.pay.corp.example", true],
    ["host", "*.pay.corp.example", "host", "pay.corp.example", false], // subdomains only
    ["host", "*.pay.corp.example", "host", "evilpay.corp.example", false],
    ["account", "CORP\\Alice", "account", "corp\\ALICE", true],
    ["account", "alice", "account", "corp\\alice", false],
    ["app", "payments-api", "app", "payments-api", true],
    ["app", "payments-api", "app", "Payments-API", false],
    ["ip", "10.0.0.1", "host", "10.0.0.1", false],
    ["ip", "10.1", "ip", "10.1", false], // invalid never matches
  ];
  it.each(cases)("%s %s vs %s %s → %s", (sk, sv, ek, ev, expected) => {
    expect(selectorMatches({ kind: sk as never, value: sv }, { kind: ek as never, value: ev })).toBe(expected);
  });
});

describe("selectorSpecificity", () => {
  it("ranks an address above its ranges and a longer suffix above a shorter one", () => {
    const rank = (kind: string, value: string) => selectorSpecificity({ kind: kind as never, value });
    expect(rank("ip", "10.0.0.1")).toBeGreaterThan(rank("cidr", "10.0.0.0/24"));
    expect(rank("cidr", "10.0.0.0/24")).toBeGreaterThan(rank("cidr", "10.0.0.0/8"));
    expect(rank("host", "web.pay.corp.example")).toBeGreaterThan(rank("host", "*.pay.corp.example"));
    expect(rank("host", "*.pay.corp.example")).toBeGreaterThan(rank("host", "*.corp.example"));
  });
});
