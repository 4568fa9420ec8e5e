import { describe, expect, it } from "vitest";
import { parseSshdLog } from "./sshd";
import { followYear, inferYear } from "./syslog-year";

const line = (stamp: string, n: number) => `${stamp} h sshd[${n}]: Failed password for root from 203.0.113.${n} port 22 ssh2`;
const times = (text: string, reference: Date, utcOffsetMinutes?: number) =>
  parseSshdLog(text, { reference, utcOffsetMinutes }).events.map((e) => e.occurredAt.toISOString());

describe("year inference", () => {
  it("takes the reference year when the first line is not in its future", () => {
    expect(inferYear({ month: 4, day: 31, hour: 23, minute: 0, second: 0 }, new Date("2025-06-01T00:00:00Z"))).toBe(2025);
  });

  it("takes the year before when the line would be in the future", () => {
    expect(inferYear({ month: 11, day: 10, hour: 6, minute: 0, second: 0 }, new Date("2025-06-01T00:00:00Z"))).toBe(2024);
    expect(inferYear({ month: 11, day: 31, hour: 23, minute: 59, second: 59 }, new Date("2026-01-01T00:00:10Z"))).toBe(2025);
  });

  it("tolerates a day of clock skew, including across New Year", () => {
    expect(inferYear({ month: 5, day: 1, hour: 12, minute: 0, second: 0 }, new Date("2025-06-01T00:00:00Z"))).toBe(2025);
    expect(inferYear({ month: 0, day: 1, hour: 0, minute: 30, second: 0 }, new Date("2025-12-31T23:50:00Z"))).toBe(2026);
  });

  it("finds a leap year for Feb 29", () => {
    expect(inferYear({ month: 1, day: 29, hour: 0, minute: 0, second: 0 }, new Date("2027-06-01T00:00:00Z"))).toBe(2024);
  });

  it("rolls forward when months wrap Dec → Jan, and not for small disorder", () => {
    expect(followYear(2024, 11, 0)).toBe(2025);
    expect(followYear(2025, 0, 11)).toBe(2024);
    expect(followYear(2025, 1, 0)).toBe(2025);
    expect(followYear(2025, 5, 6)).toBe(2025);
  });

  it("a file spanning New Year gets both years", () => {
    const text = [line("Dec 31 23:59:58", 1), line("Jan  1 00:00:02", 2), line("Jan  1 00:00:01", 3), line("Feb  3 10:00:00", 4)].join("\n");
    expect(times(text, new Date("2025-03-01T00:00:00Z"))).toEqual([
      "2024-12-31T23:59:58.000Z",
      "2025-01-01T00:00:02.000Z",
      "2025-01-01T00:00:01.000Z",
      "2025-02-03T10:00:00.000Z",
    ]);
  });

  it("reads classic stamps in the host's offset from UTC", () => {
    expect(times(line("Jun  1 02:00:00", 1), new Date("2025-06-02T00:00:00Z"), 120)).toEqual(["2025-06-01T00:00:00.000Z"]);
  });
});
