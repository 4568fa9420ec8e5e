import { describe, expect, it } from "vitest";
import { navigationFor } from "./navigation";
import { PERMISSIONS, ROLES, can, isOwnerScoped, principalCan, type TPermission, type TRole } from "./permissions";

// The expected matrix is written out by hand so a change to the map must change this table.
const EXPECTED: Record<TPermission, TRole[]> = {
  "console:view": ["CISO", "SOC", "OWNER", "VIEWER"],
  "audit:view": ["CISO", "SOC", "OWNER", "VIEWER"],
  "audit:export": ["CISO", "SOC", "OWNER", "VIEWER"],
  "containment:view": ["CISO", "SOC", "OWNER", "VIEWER"],
  "containment:release": ["CISO", "SOC", "OWNER"],
  "policy:view": ["CISO", "SOC", "OWNER", "VIEWER"],
  "policy:edit": ["CISO"],
  "policy:sign": ["CISO"],
  "policy:promote": ["CISO", "SOC"],
  "killswitch:toggle": ["CISO"],
  "assets:view": ["CISO", "SOC", "OWNER", "VIEWER"],
  "assets:edit": ["CISO", "SOC", "OWNER"],
  "campaign:manage": ["CISO", "SOC"],
  "escalation:view": ["CISO", "SOC", "OWNER"],
  "escalation:decide": ["CISO", "SOC", "OWNER"],
  "hold:manage": ["CISO", "SOC"],
  "playbook:edit": ["CISO", "SOC"],
  "settings:view": ["CISO", "SOC"],
  "settings:manage": ["CISO"],
  "dashboard:view": ["CISO", "SOC"],
};

describe("role permissions", () => {
  for (const permission of PERMISSIONS) {
    for (const role of ROLES) {
      const expected = EXPECTED[permission].includes(role);
      it(`${role} ${expected ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected);
      });
    }
  }

  it("scopes owners to their own assets, releases and approvals", () => {
    expect(isOwnerScoped("OWNER", "assets:edit")).toBe(true);
    expect(isOwnerScoped("OWNER", "containment:release")).toBe(true);
    expect(isOwnerScoped("OWNER", "escalation:decide")).toBe(true);
    expect(isOwnerScoped("SOC", "escalation:decide")).toBe(false);
    expect(isOwnerScoped("SOC", "assets:edit")).toBe(false);
    expect(isOwnerScoped("OWNER", "audit:view")).toBe(false);
  });

  it("shows each role only the navigation it may use", () => {
    const labels = (role: TRole) => navigationFor(role).map((n) => n.label);
    expect(labels("CISO")).toEqual(["Dashboard", "Policy", "Protected assets", "Campaigns", "Lookup", "Audit feed", "Escalations", "Holds", "Containments", "Settings"]);
    expect(labels("SOC")).toEqual(["Dashboard", "Policy", "Protected assets", "Campaigns", "Lookup", "Audit feed", "Escalations", "Holds", "Containments", "Settings"]);
    expect(labels("OWNER")).toEqual(["Policy", "Protected assets", "Lookup", "Audit feed", "Escalations", "Containments"]);
    expect(labels("VIEWER")).toEqual(["Policy", "Protected assets", "Lookup", "Audit feed", "Containments"]);
  });
});

describe("token scopes", () => {
  const token = (scope: "ingest" | "feed" | "bouncer" | "admin") =>
    ({ kind: "token", id: "t", name: "t", scope }) as const;

  it("lets each scope do only its job", () => {
    expect(principalCan(token("ingest"), "alerts:ingest")).toBe(true);
    expect(principalCan(token("ingest"), "feed:read")).toBe(false);
    expect(principalCan(token("feed"), "feed:read")).toBe(true);
    expect(principalCan(token("feed"), "bouncer:read")).toBe(false);
    expect(principalCan(token("bouncer"), "bouncer:read")).toBe(true);
    expect(principalCan(token("bouncer"), "containment:release")).toBe(false);
    expect(principalCan(token("admin"), "containment:release")).toBe(true);
    expect(principalCan(token("admin"), "policy:sign")).toBe(false);
  });

  it("never gives people machine permissions", () => {
    const ciso = { kind: "user", id: "u", email: "c@x", name: "C", role: "CISO" } as const;
    expect(principalCan(ciso, "policy:sign")).toBe(true);
    expect(principalCan(ciso, "bouncer:read")).toBe(false);
  });
});
