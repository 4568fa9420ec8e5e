import { describe, expect, it } from "vitest";
import { parseWindowsText, formatWindowsText } from "./maintenance-window";
import { parseRegistrationCsv, registrationCsvHeader, registrationCsvRow, type TCsvExportRow } from "./registration-csv";

const HEADER = "selector_kind,selector,business_service,asset_class,criticality,justification,on_call_contact";
const file = (...rows: string[]) => [HEADER, ...rows].join("\r\n");

describe("parseRegistrationCsv", () => {
  it("turns valid rows into canonical registration input", () => {
    const parsed = parseRegistrationCsv(file("cidr,10.20.1.2/16,Payments,server,High,Card processing,+1 555 0100", "host,*.PAY.corp.example,Payments,server,critical,Front ends,pager"));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows.map((r) => [r.line, r.input?.selector, r.input?.criticality, r.errors])).toEqual([
      [2, { kind: "cidr", value: "10.20.0.0/16" }, "HIGH", {}],
      [3, { kind: "host", value: "*.pay.corp.example" }, "CRITICAL", {}],
    ]);
  });

  it("names every problem of a row by column, and keeps the valid rows valid", () => {
    const parsed = parseRegistrationCsv(
      [
        `${HEADER},max_ttl,allowed_actions,maintenance_windows,never_contain_automatically,owner_email`,
        "ip,10.0.0.300,,server,urgent,why,pager,4 hours,block_ip nuke,Mon 25:00-26:00,perhaps,not-an-email",
        "cidr,2001:db8::/129,Payments,server,low,why,pager,,,,,",
        "host,db..corp,Payments,server,low,why,pager,,,,,",
        "ip,10.0.0.1,Payments,server,low,why,pager,4h,block_ip,Sat 00:00-06:00,yes,ada@example.com",
      ].join("\n"),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const [bad, v6, host, good] = parsed.rows;
    expect(Object.keys(bad?.errors ?? {}).sort()).toEqual(
      ["allowed_actions", "business_service", "criticality", "maintenance_windows", "max_ttl", "never_contain_automatically", "owner_email", "selector"].sort(),
    );
    expect(bad?.errors.selector?.[0]).toMatch(/"10.0.0.300" is not an IP address/);
    expect(bad?.errors.allowed_actions?.[0]).toMatch(/"nuke" is not an action/);
    expect(bad?.input).toBeNull();
    expect(v6?.errors.selector?.[0]).toMatch(/not a valid prefix length for IPv6: use 0–128/);
    expect(host?.errors.selector?.[0]).toMatch(/empty labels/);
    expect(good?.errors).toEqual({});
    expect(good?.input).toMatchObject({
      ownerEmail: "ada@example.com",
      requirements: { neverAutomatic: true, allowedActions: ["block_ip"], maxTtlSeconds: 14_400, maintenanceWindows: [{ daysOfWeek: [6], start: "00:00", end: "06:00" }] },
    });
  });

  it("flags the second row registering the same selector", () => {
    const parsed = parseRegistrationCsv(file("ip,10.0.0.1,A,server,low,why,pager", "ip,::ffff:10.0.0.1,B,server,low,why,pager"));
    expect(parsed.ok && parsed.rows[1]?.errors.selector).toEqual(["Registered twice in this file: line 2 has the same selector"]);
  });

  it("refuses files it cannot read as registrations, saying why", () => {
    expect(parseRegistrationCsv("")).toEqual({ ok: false, error: expect.stringMatching(/empty/) });
    expect(parseRegistrationCsv(HEADER)).toEqual({ ok: false, error: expect.stringMatching(/no registrations/) });
    expect(parseRegistrationCsv("selector,business_service\n1,2")).toEqual({ ok: false, error: expect.stringMatching(/^Missing column selector_kind, asset_class/) });
    expect(parseRegistrationCsv(`${HEADER},colour\n`)).toEqual({ ok: false, error: expect.stringMatching(/^Unknown column "colour"/) });
    expect(parseRegistrationCsv(`${HEADER}\n"ip,1`)).toEqual({ ok: false, error: expect.stringMatching(/never closed/) });
  });

  it("imports back what export writes", () => {
    const row: TCsvExportRow = {
      selector: { kind: "account", value: "corp\\svc-backup$" },
      businessService: "Backups, nightly",
      businessUnit: "IT",
      assetClass: "server",
      criticality: "MEDIUM",
      justification: '-"restores" must not be interrupted',
      onCallContact: "=ops pager",
      ownerEmail: "owner@example.com",
      requirements: { neverAutomatic: false, allowedActions: ["revoke_sessions", "step_up_auth"], approvalBy: "IT CAB", maxTtlSeconds: 5400, preferredAction: "step_up_auth", maintenanceWindows: [{ daysOfWeek: [1, 3], start: "22:00", end: "02:00" }] },
      certifiedAt: new Date("2026-01-01T00:00:00Z"),
      expiresAt: new Date("2026-04-01T00:00:00Z"),
    };
    const parsed = parseRegistrationCsv(registrationCsvHeader() + registrationCsvRow(row));
    const { certifiedAt: _c, expiresAt: _e, ...input } = row;
    expect(parsed.ok && parsed.rows[0]?.input).toEqual(input);
  });
});

describe("maintenance windows as text", () => {
  it("round-trips and refuses what is not a window", () => {
    const windows = [{ daysOfWeek: [1, 2], start: "02:00", end: "04:00" }, { daysOfWeek: [6], start: "00:00", end: "06:00" }];
    expect(formatWindowsText(windows)).toBe("Mon,Tue 02:00-04:00; Sat 00:00-06:00");
    expect(parseWindowsText("mon, tuesday 02:00 - 04:00;Sat 00:00–06:00")).toEqual({ ok: true, value: windows });
    expect(parseWindowsText("")).toEqual({ ok: true, value: [] });
    expect(parseWindowsText("Funday 02:00-04:00")).toMatchObject({ ok: false });
    expect(parseWindowsText("Mon 2:00-4:00")).toMatchObject({ ok: false });
  });
});
