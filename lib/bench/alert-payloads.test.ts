import { describe, expect, it } from "vitest";
import { parseAlertPayload } from "@/lib/ingest/parse-alerts";
import { isPublicIp } from "@/lib/ingest/entities";
import { bruteForceIp } from "@/lib/playbooks/brute-force-ip";
import { alertPayload, formatFor, PHASE_OCTET, publicIpv4 } from "./alert-payloads";

describe("benchmark alert payloads", () => {
  it("generates distinct public (ipaddr.js unicast) addresses", () => {
    const seen = new Set<string>();
    for (const octet of Object.values(PHASE_OCTET)) {
      for (const n of [0, 1, 253, 254, 5000, 65_000, 254 * 65_536 - 1]) {
        const ip = publicIpv4(octet, n);
        expect(isPublicIp(ip), ip).toBe(true);
        expect(ip).not.toMatch(/\.(0|255)$/);
        seen.add(ip);
      }
    }
    expect(seen.size).toBe(Object.values(PHASE_OCTET).length * 7);
    expect(() => publicIpv4(45, 254 * 65_536)).toThrow();
  });

  it.each(["wazuh", "generic"] as const)("posts a %s alert that the brute-force playbook claims with confidence to block", (format) => {
    const parsed = parseAlertPayload(alertPayload(format, "45.0.0.7", "bench-1"), { format, receivedAt: new Date() });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [alert] = parsed.alerts;
    expect(alert?.target).toMatchObject({ kind: "ip", value: "45.0.0.7" });
    expect(bruteForceIp.matches(alert!)).toBe(true);
    // At or above the demo policy's 0.8 for autonomous blocks of external IPs.
    const proposal = bruteForceIp.propose({ alert: alert!, params: bruteForceIp.defaultParams, version: 1, answers: null, registrations: [] });
    expect(proposal.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it("alternates formats in mixed mode", () => {
    expect([0, 1, 2].map((n) => formatFor("mixed", n))).toEqual(["wazuh", "generic", "wazuh"]);
    expect(formatFor("generic", 0)).toBe("generic");
  });
});
