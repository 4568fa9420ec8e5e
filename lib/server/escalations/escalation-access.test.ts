import { describe, expect, it } from "vitest";
import { assertMayAnswer, assertMayApprove, type TResponder } from "./escalation-access";

const soc: TResponder = { kind: "user", role: "SOC", email: "soc@example.com", name: "Sam Okafor" };
const priya: TResponder = { kind: "user", role: "OWNER", email: "owner@example.com", name: "Priya Raman" };
const dev: TResponder = { kind: "user", role: "OWNER", email: "dev@example.com", name: "Dev Patel" };
const code = (f: () => void) => {
  try {
    f();
    return "allowed";
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe("who may answer an escalation", () => {
  it("without a named approver: the SOC answers, owners do not see it", () => {
    const e = { approvers: [] };
    expect(code(() => assertMayApprove(e, soc))).toBe("allowed");
    expect(code(() => assertMayAnswer(e, priya))).toBe("NOT_FOUND");
    expect(code(() => assertMayApprove(e, priya))).toBe("NOT_FOUND");
  });

  it("with a named approver: only they approve (by e-mail or name, any case, or their link); the SOC may still reject", () => {
    const e = { approvers: ["Owner@Example.com"] };
    expect(code(() => assertMayApprove(e, priya))).toBe("allowed");
    expect(code(() => assertMayApprove({ approvers: ["priya raman"] }, priya))).toBe("allowed");
    expect(code(() => assertMayApprove(e, { kind: "link", addressee: "Owner@Example.com" }))).toBe("allowed");
    expect(code(() => assertMayApprove(e, { kind: "link", addressee: "someone-else" }))).toBe("NOT_FOUND");
    expect(code(() => assertMayApprove(e, dev))).toBe("NOT_FOUND");
    expect(code(() => assertMayApprove(e, soc))).toBe("FORBIDDEN");
    expect(code(() => assertMayAnswer(e, soc))).toBe("allowed");
  });

  it("with several named approvers: nobody approves alone", () => {
    const e = { approvers: ["owner@example.com", "Payments CAB"] };
    expect(code(() => assertMayApprove(e, priya))).toBe("FORBIDDEN");
    expect(code(() => assertMayApprove(e, soc))).toBe("FORBIDDEN");
    expect(code(() => assertMayAnswer(e, priya))).toBe("allowed");
  });
});
