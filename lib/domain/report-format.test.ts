import { describe, expect, it } from "vitest";
import { formatConfidence, formatPercent, formatSeconds } from "./report-format";

describe("report figures", () => {
  it("prints ratios as percentages with at most one decimal", () => {
    expect(formatPercent(0.125)).toBe("12.5%");
    expect(formatPercent(1 / 3)).toBe("33.3%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(null)).toBe("—");
  });

  it("prints durations in whole seconds", () => {
    expect(formatSeconds(15_120.4)).toBe("4h12m");
    expect(formatSeconds(20)).toBe("20s");
    expect(formatSeconds(null)).toBe("—");
  });

  it("prints confidences like decisions do", () => {
    expect(formatConfidence(0.885)).toBe("0.885");
    expect(formatConfidence(null)).toBe("—");
  });
});
