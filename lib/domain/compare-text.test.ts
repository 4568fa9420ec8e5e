import { describe, expect, it } from "vitest";
import { compareText } from "./compare-text";

describe("compareText", () => {
  it("orders by code units, not by locale", () => {
    expect(["b", "a", "B", "é", "z", "a"].sort(compareText)).toEqual(["B", "a", "a", "b", "z", "é"]);
    expect(compareText("x", "x")).toBe(0);
  });
});
