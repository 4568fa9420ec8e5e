import { describe, expect, it } from "vitest";
import { escalationSlaState } from "./escalation-sla";

const due = new Date("2026-11-26T12:30:00Z");
const before = new Date("2026-11-26T12:00:00Z");
const after = new Date("2026-11-26T13:00:00Z");

describe("escalationSlaState", () => {
  it("marks open escalations past their SLA", () => {
    expect(escalationSlaState({ status: "OPEN", slaDueAt: due, resolvedAt: null }, before)).toBe("open");
    expect(escalationSlaState({ status: "OPEN", slaDueAt: due, resolvedAt: null }, after)).toBe("overdue");
  });

  it("tells answers in time from late ones", () => {
    expect(escalationSlaState({ status: "APPROVED", slaDueAt: due, resolvedAt: before }, after)).toBe("answered");
    expect(escalationSlaState({ status: "REJECTED", slaDueAt: due, resolvedAt: after }, after)).toBe("answered-late");
    expect(escalationSlaState({ status: "SUPERSEDED", slaDueAt: due, resolvedAt: after }, after)).toBe("superseded");
  });
});
