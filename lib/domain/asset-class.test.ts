import { describe, expect, it } from "vitest";
import type { TEntityKind } from "./types";
import { assetClassLabel, DEFAULT_ASSET_CLASSES, inferAssetClass } from "./asset-class";

const infer = (kind: TEntityKind, value: string) => inferAssetClass({ kind, value });

describe("inferAssetClass", () => {
  it.each([
    ["ip", "203.0.113.7", "external-ip"],
    ["ip", "8.8.8.8", "external-ip"],
    ["ip", "10.1.2.3", "internal-ip"],
    ["ip", "172.31.255.255", "internal-ip"],
    ["ip", "172.32.0.1", "external-ip"],
    ["ip", "192.168.1.1", "internal-ip"],
    ["ip", "::ffff:192.168.1.1", "internal-ip"],
    ["ip", "127.0.0.1", "internal-ip"],
    ["ip", "fd00::1", "internal-ip"],
    ["ip", "fe80::1", "internal-ip"],
    ["ip", "2001:db8::1", "external-ip"],
    ["cidr", "10.20.0.0/16", "internal-ip"],
    ["cidr", "10.0.0.0/7", "external-ip"], // reaches past 10/8 into 11/8
    ["cidr", "203.0.113.0/24", "external-ip"],
    ["host", "web-01.corp.example", "workstation"],
    ["account", "alice", "human-account"],
    ["account", "svc-backup", "service-account"],
    ["account", "CORP\\SVC_Deploy", "service-account"],
    ["account", "WEB01$", "service-account"],
    ["account", "backupservice@corp.example", "service-account"],
    ["account", "servicedesk-alice@corp.example", "service-account"],
    ["account", "svcalice", "human-account"],
    ["app", "payments-api", "server"],
  ] as const)("%s %s → %s", (kind, value, expected) => {
    expect(infer(kind, value)).toBe(expected);
  });

  it("has a label for every default class and shows custom classes as their key", () => {
    expect(DEFAULT_ASSET_CLASSES.map((c) => c.key)).toEqual([
      "external-ip", "internal-ip", "workstation", "server", "human-account", "service-account", "crown-jewel",
    ]);
    expect(assetClassLabel("crown-jewel")).toBe("Crown jewel");
    expect(assetClassLabel("payments-tier1")).toBe("payments-tier1");
  });
});
