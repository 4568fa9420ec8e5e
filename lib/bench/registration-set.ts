// A protected list of realistic shape for the matching benchmark: addresses and ranges
// (IPv4 and IPv6), exact and wildcard host names, accounts and app tags, some expired;
// and lookups that mostly hit it. Deterministic (seeded), so runs compare. The address
// space avoids the /8s the alert phases use (PHASE_OCTET), so a registration never turns
// a benchmark alert into a protected one.
import { ZContainmentRequirements } from "@/lib/domain/requirements-schema";
import { PHASE_OCTET } from "./alert-payloads";
import { compileSelector, formatCompiled } from "@/lib/domain/selectors";
import type { TEntityKind, TRegistration } from "@/lib/domain/types";

const DEFAULT_REQUIREMENTS = ZContainmentRequirements.parse({});

export type TLookup = { kind: TEntityKind; value: string; family: "ipv4" | "ipv6" | "host" | "account" | "app" };

/** mulberry32: a small seeded generator; Math.random would make every run different. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESERVED_FIRST_OCTETS = new Set<number>([0, 10, 100, 127, 169, 172, 192, 198, 203, ...Object.values(PHASE_OCTET)]);

function canonical(kind: string, value: string): string {
  const compiled = compileSelector(kind, value);
  if (!compiled.ok) throw new Error(`generated an invalid ${kind} selector ${value}: ${compiled.error}`);
  return formatCompiled(compiled.value).value;
}

// Shares of the 100,000 (they add up to 1).
const MIX = { ipv4: 0.4, ipv6: 0.05, cidr4: 0.2, cidr6: 0.05, host: 0.12, wildcard: 0.03, account: 0.1, app: 0.05 } as const;

export type TRegistrationSet = { registrations: TRegistration[]; lookups(count: number, seed: number): TLookup[] };

export function buildRegistrationSet(total: number, now: Date, seed = 20261126): TRegistrationSet {
  const rnd = seededRandom(seed);
  const int = (n: number, r = rnd) => Math.floor(r() * n);
  const octet1 = (r: () => number) => {
    for (;;) {
      const o = 1 + int(223, r);
      if (!RESERVED_FIRST_OCTETS.has(o)) return o;
    }
  };
  const ipv4 = (r = rnd) => `${octet1(r)}.${int(256, r)}.${int(256, r)}.${1 + int(254, r)}`;
  const hex = () => int(0x10000).toString(16);
  const ipv6 = () => `2a0${int(16).toString(16)}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`;
  const expiry = () => {
    const r = rnd();
    if (r < 0.1) return new Date(now.getTime() - (1 + int(30)) * 86_400_000); // lapsed
    if (r < 0.4) return null;
    return new Date(now.getTime() + (1 + int(90)) * 86_400_000);
  };

  const regs: TRegistration[] = [];
  const counts = Object.fromEntries(Object.entries(MIX).map(([k, share]) => [k, Math.round(total * share)])) as Record<keyof typeof MIX, number>;
  counts.ipv4 += total - Object.values(counts).reduce((s, n) => s + n, 0);
  // One owner holds the whole list, and an owner registers a selector once (the database
  // refuses a second live copy), so a selector drawn twice is drawn again.
  const taken = new Set<string>();
  const add = (kind: TRegistration["selector"]["kind"], value: string) => {
    const selector = { kind, value: canonical(kind, value) };
    const key = `${kind}\u0000${selector.value}`;
    if (taken.has(key)) return false;
    taken.add(key);
    regs.push({
      id: `reg-${regs.length}`,
      selector,
      ownerName: "Bench Owner",
      businessService: `Service ${regs.length % 500}`,
      assetClass: kind === "account" ? "service-account" : "server",
      requirements: DEFAULT_REQUIREMENTS,
      expiresAt: expiry(),
    });
    return true;
  };
  const fill = (count: number, kind: TRegistration["selector"]["kind"], draw: () => string) => {
    for (let added = 0; added < count; ) if (add(kind, draw())) added++;
  };
  fill(counts.ipv4, "ip", ipv4);
  fill(counts.ipv6, "ip", ipv6);
  fill(counts.cidr4, "cidr", () => `${ipv4()}/${16 + int(15)}`);
  fill(counts.cidr6, "cidr", () => `${ipv6()}/${32 + int(33)}`);
  for (let i = 0; i < counts.host; i++) add("host", `h${i}.svc${i % 997}.corp.example`);
  for (let i = 0; i < counts.wildcard; i++) add("host", `*.zone${i}.corp.example`);
  for (let i = 0; i < counts.account; i++) add("account", i % 2 ? `svc-${i}` : `corp\\user${i}`);
  for (let i = 0; i < counts.app; i++) add("app", `App ${i}`);

  const byKind = (pred: (r: TRegistration) => boolean) => regs.filter(pred);
  const v4 = byKind((r) => r.selector.kind === "ip" && !r.selector.value.includes(":"));
  const v6 = byKind((r) => r.selector.kind === "ip" && r.selector.value.includes(":"));
  const cidr4 = byKind((r) => r.selector.kind === "cidr" && !r.selector.value.includes(":"));
  const hosts = byKind((r) => r.selector.kind === "host" && !r.selector.value.startsWith("*."));
  const wildcards = byKind((r) => r.selector.value.startsWith("*."));
  const accounts = byKind((r) => r.selector.kind === "account");
  const apps = byKind((r) => r.selector.kind === "app");

  const insideCidr4 = (cidr: string, r: () => number) => {
    const [net = "", bits = "32"] = cidr.split("/");
    const base = net.split(".").reduce((n, o) => n * 256 + Number(o), 0);
    const address = base + int(2 ** (32 - Number(bits)), r);
    return [24, 16, 8, 0].map((s) => Math.floor(address / 2 ** s) % 256).join(".");
  };

  return {
    registrations: regs,
    lookups(count, lookupSeed) {
      const r = seededRandom(lookupSeed);
      const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)]!;
      const out: TLookup[] = [];
      for (let i = 0; i < count; i++) {
        const x = r();
        if (x < 0.4 && v4.length) out.push({ kind: "ip", value: pick(v4).selector.value, family: "ipv4" });
        else if (x < 0.6 && cidr4.length) out.push({ kind: "ip", value: insideCidr4(pick(cidr4).selector.value, r), family: "ipv4" });
        else if (x < 0.75) out.push({ kind: "ip", value: ipv4(r), family: "ipv4" });
        else if (x < 0.8 && v6.length) out.push({ kind: "ip", value: pick(v6).selector.value, family: "ipv6" });
        else if (x < 0.85 && hosts.length) out.push({ kind: "host", value: pick(hosts).selector.value, family: "host" });
        else if (x < 0.9 && wildcards.length) out.push({ kind: "host", value: `web${i}.${pick(wildcards).selector.value.slice(2)}`, family: "host" });
        else if (x < 0.97 && accounts.length) out.push({ kind: "account", value: pick(accounts).selector.value, family: "account" });
        else if (apps.length) out.push({ kind: "app", value: pick(apps).selector.value, family: "app" });
        else out.push({ kind: "ip", value: ipv4(r), family: "ipv4" });
      }
      return out;
    },
  };
}
