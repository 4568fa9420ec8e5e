import { describe, expect, it } from "vitest";
import { parseReleaseToken, signLink, signReleaseLink, verifyLink, verifyReleaseLink, type TReleaseLinkRow } from "./release-link-token";

const key = "k".repeat(32);
const now = new Date("2026-11-26T12:00:00Z");
const row: TReleaseLinkRow = {
  linkId: "3f1c2b4a-0d6e-4c8b-9a1e-5b7d2c9e0f11",
  containmentId: "9d7e1f3a-2b4c-4d5e-8f6a-1b2c3d4e5f60",
  addressee: 'webhook "soc-slack"',
  expiresAt: new Date("2026-11-26T13:00:00Z"),
  usedAt: null,
  usedReason: null,
};
const token = signReleaseLink(row, key);

describe("release link tokens", () => {
  it("carry the link id and expiry, and verify against their row", () => {
    expect(parseReleaseToken(token)).toMatchObject({ ok: true, value: { linkId: row.linkId, expiresAtSecs: Math.floor(row.expiresAt.getTime() / 1000) } });
    expect(verifyReleaseLink(token, row, key, now)).toEqual({ ok: true, row });
  });

  it("refuse a used link, and say so before saying it expired", () => {
    const used = { ...row, usedAt: now, usedReason: "false positive" };
    expect(verifyReleaseLink(token, used, key, now)).toMatchObject({ ok: false, reason: "used" });
    expect(verifyReleaseLink(token, used, key, new Date("2026-11-27T00:00:00Z"))).toMatchObject({ ok: false, reason: "used" });
  });

  it("refuse an expired link from its expiry on", () => {
    expect(verifyReleaseLink(token, row, key, row.expiresAt)).toMatchObject({ ok: false, reason: "expired" });
    expect(verifyReleaseLink(token, row, key, new Date(row.expiresAt.getTime() - 1))).toMatchObject({ ok: true });
  });

  it("refuse any altered character, a longer expiry, another containment, addressee or key", () => {
    for (let i = 0; i < token.length; i++) {
      if (token[i] === "." || token[i] === "-") continue;
      const swapped = token.slice(0, i) + (token[i] === "a" ? "b" : "a") + token.slice(i + 1);
      const verdict = verifyReleaseLink(swapped, row, key, now);
      expect(verdict.ok, `character ${i} altered`).toBe(false);
      if (!verdict.ok) expect(["altered", "malformed"]).toContain(verdict.reason);
    }
    const [id, , sig] = token.split(".");
    const later = `${id}.${Math.floor(row.expiresAt.getTime() / 1000) + 86_400}.${sig}`;
    expect(verifyReleaseLink(later, row, key, now)).toMatchObject({ ok: false, reason: "altered", row: null });
    expect(verifyReleaseLink(token, { ...row, containmentId: "00000000-0000-4000-8000-000000000000" }, key, now)).toMatchObject({ ok: false, reason: "altered" });
    expect(verifyReleaseLink(token, { ...row, addressee: "someone else" }, key, now)).toMatchObject({ ok: false, reason: "altered" });
    expect(verifyReleaseLink(token, row, "x".repeat(32), now)).toMatchObject({ ok: false, reason: "altered" });
    expect(verifyReleaseLink(token, null, key, now)).toMatchObject({ ok: false, reason: "altered" });
    expect(verifyReleaseLink("not-a-token", row, key, now)).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("refuse to sign with a short key", () => {
    expect(() => signReleaseLink(row, "short")).toThrow(/at least 32/);
  });

  it("are bound to their purpose: a release link never opens an approval, nor the reverse", () => {
    const claims = { linkId: row.linkId, subjectId: row.containmentId, addressee: row.addressee, expiresAt: row.expiresAt };
    const approval = signLink("approval", claims, key);
    expect(approval).not.toBe(token);
    expect(verifyLink("approval", approval, { ...claims, usedAt: null, usedReason: null }, key, now)).toMatchObject({ ok: true });
    expect(verifyLink("approval", token, { ...claims, usedAt: null, usedReason: null }, key, now)).toMatchObject({ ok: false, reason: "altered" });
    expect(verifyReleaseLink(approval, row, key, now)).toMatchObject({ ok: false, reason: "altered" });
  });
});
