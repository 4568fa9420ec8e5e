import { describe, expect, it } from "vitest";
import { NO_FILTER, parseDecisionFilter, passesFilter } from "./decision-filter";
import { secondsUntil, toCrowdSecDecision } from "./to-crowdsec-decision";

const now = new Date("2030-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const row = { id: "c-1", number: 7, targetKind: "ip" as const, targetValue: "203.0.113.5", playbookKey: "ssh-brute-force" };

describe("toCrowdSecDecision", () => {
  it("writes the time left as a Go duration, rounded to the second", () => {
    expect(toCrowdSecDecision(row, { until: at((4 * 3600 - 48) * 1000 + 400), now })).toMatchObject({
      id: 7,
      uuid: "c-1",
      origin: "reflex",
      type: "ban",
      scope: "Ip",
      value: "203.0.113.5",
      duration: "3h59m12s",
      until: "2030-01-01T03:59:12.400Z",
      scenario: "reflex/ssh-brute-force",
    });
    expect(secondsUntil(at(1500), now)).toBe(2);
    expect(secondsUntil(at(-1500), now)).toBe(-2);
  });

  it("gives an ended decision a negative duration, never 0s", () => {
    expect(toCrowdSecDecision(row, { until: at(-200), now, ended: true })?.duration).toBe("-1s");
    expect(toCrowdSecDecision(row, { until: at(-3_723_000), now, ended: true })?.duration).toBe("-1h2m3s");
  });

  it("names ranges Range, canonicalises values and falls back to a manual scenario", () => {
    const range = { ...row, targetKind: "cidr" as const, targetValue: "2001:DB8:0:0::/32", playbookKey: null };
    expect(toCrowdSecDecision(range, { until: at(60_000), now })).toMatchObject({ scope: "Range", value: "2001:db8::/32", scenario: "reflex/manual" });
    expect(toCrowdSecDecision({ ...row, targetValue: "not an ip" }, { until: at(60_000), now })).toBeNull();
  });
});

describe("decision filters", () => {
  const d = { scope: "Range", origin: "reflex", scenario: "reflex/ssh-brute-force" };
  it("defaults the stream to ip and range, case-insensitively", () => {
    expect(passesFilter(d, parseDecisionFilter(new URLSearchParams(""), { defaultScopes: "ip,range" }))).toBe(true);
    expect(passesFilter(d, parseDecisionFilter(new URLSearchParams("scopes=Ip"), { defaultScopes: "ip,range" }))).toBe(false);
    expect(passesFilter(d, NO_FILTER)).toBe(true);
  });
  it("matches scenario words and origins", () => {
    expect(passesFilter(d, parseDecisionFilter(new URLSearchParams("scenarios_containing=http,SSH")))).toBe(true);
    expect(passesFilter(d, parseDecisionFilter(new URLSearchParams("scenarios_containing=http")))).toBe(false);
    expect(passesFilter(d, parseDecisionFilter(new URLSearchParams("scenarios_not_containing=brute")))).toBe(false);
    expect(passesFilter(d, parseDecisionFilter(new URLSearchParams("origins=crowdsec,cscli")))).toBe(false);
    expect(passesFilter(d, parseDecisionFilter(new URLSearchParams("origins=REFLEX")))).toBe(true);
  });
});
