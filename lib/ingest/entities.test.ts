import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import {
  assembleEntities,
  canonicalAccount,
  canonicalCidr,
  canonicalHost,
  canonicalIp,
  hostOrIpEntity,
  isPublicIp,
} from "./entities";

describe("canonicalIp", () => {
  it.each([
    ["1.2.3.4", "1.2.3.4"],
    [" 1.2.3.4 ", "1.2.3.4"],
    ["::ffff:1.2.3.4", "1.2.3.4"],
    ["::FFFF:102:304", "1.2.3.4"],
    ["2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });

  it.each(["999.1.1.1", "1.2.3", "127.1", "010.1.1.1", "192.030.0.6", "0x7f.0.0.1", "fe80::1%eth0", "example.com", ""])(
    "rejects %s",
    (input) => {
      expect(canonicalIp(input)).toBeNull();
    },
  );

  it("is idempotent and maps IPv4-mapped IPv6 to IPv4 (property)", () => {
    const anyIp = fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4().map((v4) => `::ffff:${v4}`));
    fc.assert(
      fc.property(anyIp, (ip) => {
        const once = canonicalIp(ip);
        expect(once).not.toBeNull();
        expect(canonicalIp(once as string)).toBe(once);
        expect(once).toBe(once?.toLowerCase());
      }),
    );
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        expect(canonicalIp(`::ffff:${v4}`)).toBe(canonicalIp(v4));
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = canonicalIp(text);
        if (once !== null) expect(canonicalIp(once)).toBe(once);
      }),
    );
  });
});

// canonicalIp and canonicalHost answer the common cases without ipaddr.js; these hold them
// to what ipaddr.js alone answers, over dotted quads with and without leading zeros or
// out-of-range octets, and over every spelling a loose IPv4 parser might accept.
describe("shortcuts agree with ipaddr.js", () => {
  const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`));
  const dotted = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join("."));
  const padded = fc.tuple(fc.constantFrom("", " ", "\t"), dotted, fc.constantFrom("", " ")).map(([a, ip, b]) => `${a}${ip}${b}`);
  const looseIpv4 = fc.stringMatching(/^[0-9a-fxX.]{1,20}$/);

  it("canonicalIp of a dotted quad (property)", () => {
    fc.assert(
      fc.property(padded, (text) => {
        const trimmed = text.trim();
        const expected = ipaddr.IPv4.isValidFourPartDecimal(trimmed) ? ipaddr.IPv4.parse(trimmed).toString() : null;
        expect(canonicalIp(text)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("canonicalIp of anything without a colon: host names, loose IPv4 spellings, any text (property)", () => {
    fc.assert(
      fc.property(fc.oneof(looseIpv4, fc.domain(), dotted, fc.string()), (text) => {
        const trimmed = text.trim();
        if (trimmed.includes(":") || (trimmed.startsWith("[") && trimmed.endsWith("]"))) return;
        const expected = ipaddr.IPv4.isValidFourPartDecimal(trimmed) ? ipaddr.IPv4.parse(trimmed).toString() : null;
        expect(canonicalIp(text)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it("canonicalHost refuses whatever ipaddr.js reads as an address (property)", () => {
    fc.assert(
      fc.property(fc.oneof(looseIpv4, dotted, fc.constantFrom("127.1", "0x7f.1", "2130706433", "0177.0.0.1", "10.1")), (text) => {
        if (ipaddr.isValid(text.toLowerCase())) expect(canonicalHost(text)).toBeNull();
      }),
      { numRuns: 2000 },
    );
    expect(canonicalHost("2130706433")).toBeNull();
    expect(canonicalHost("0x7F.1")).toBeNull();
    expect(canonicalHost("cafe.fade")).toBe("cafe.fade");
  });
});

describe("isPublicIp", () => {
  it.each([
    ["8.8.8.8", true],
    ["2606:4700::1111", true],
    ["::ffff:8.8.8.8", true],
    ["10.0.0.1", false],
    ["192.168.1.1", false],
    ["100.64.0.1", false],
    ["127.0.0.1", false],
    ["2001:db8::1", false],
    ["fc00::1", false],
    ["not an ip", false],
  ])("%s → %s", (ip, expected) => {
    expect(isPublicIp(ip)).toBe(expected);
  });
});

describe("other canonical forms", () => {
  it("normalises CIDR ranges to their network address", () => {
    expect(canonicalCidr("10.0.0.5/24")).toBe("10.0.0.0/24");
    expect(canonicalCidr("2001:DB8::5/32")).toBe("2001:db8::/32");
    expect(canonicalCidr("::ffff:10.0.0.0/104")).toBe("10.0.0.0/8");
    expect(canonicalCidr("10.0.0.0/33")).toBeNull();
    expect(canonicalCidr("10.0.0.0")).toBeNull();
  });

  it("lower-cases hosts, keeps account case, rejects junk", () => {
    expect(canonicalHost(" Web-01.Example.COM. ")).toBe("web-01.example.com");
    expect(canonicalHost("<resource_name>")).toBeNull();
    expect(canonicalHost("two words")).toBeNull();
    expect(canonicalHost("a..b")).toBeNull();
    expect(canonicalHost("-web")).toBeNull();
    expect(canonicalHost(`${"a".repeat(64)}.example`)).toBeNull();
    expect(canonicalHost("10.0.0.1")).toBeNull();
    expect(canonicalHost("NAS_01.corp")).toBe("nas_01.corp");
    expect(canonicalAccount("  Root ")).toBe("Root");
    expect(canonicalAccount("   ")).toBeNull();
  });

  it("reads an IP in a host field as an IP", () => {
    expect(hostOrIpEntity("::ffff:10.1.2.3", "related")).toEqual({ kind: "ip", value: "10.1.2.3", role: "related" });
    expect(hostOrIpEntity("DB-01", "related")).toEqual({ kind: "host", value: "db-01", role: "related" });
    expect(hostOrIpEntity(42, "related")).toBeNull();
  });
});

describe("assembleEntities", () => {
  it("makes the first candidate present the target and drops repeats", () => {
    const result = assembleEntities(
      [null, { kind: "ip", value: "1.2.3.4", role: "source" }, { kind: "host", value: "a", role: "related" }],
      [{ kind: "ip", value: "1.2.3.4", role: "related" }, { kind: "ip", value: "10.0.0.1", role: "related" }],
    );
    expect(result.target).toEqual({ kind: "ip", value: "1.2.3.4", role: "target" });
    expect(result.entities).toEqual([
      { kind: "ip", value: "1.2.3.4", role: "target" },
      { kind: "host", value: "a", role: "related" },
      { kind: "ip", value: "10.0.0.1", role: "related" },
    ]);
  });

  it("never makes a context entity the target", () => {
    const result = assembleEntities([null], [{ kind: "ip", value: "10.0.0.1", role: "related" }]);
    expect(result.target).toBeNull();
    expect(result.entities).toHaveLength(1);
  });
});
