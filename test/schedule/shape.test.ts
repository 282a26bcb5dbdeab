import { describe, expect, it } from "vitest";
import { criticalPath, planWidth, remainingChains } from "../../src/schedule/shape.js";
import { plan } from "./helpers.js";

describe("plan shape", () => {
  it("counts the longest chain that starts at each task", () => {
    const chains = remainingChains(plan("a", "b:a", "c:b", "d:a", "e"));
    expect(Object.fromEntries(chains)).toEqual({ a: 3, b: 2, c: 1, d: 1, e: 1 });
    expect(criticalPath(plan("a", "b:a", "c:b", "d:a", "e"))).toBe(3);
  });

  it("finds the width as the largest set of pairwise unordered tasks", () => {
    expect(planWidth(plan("a", "b:a", "c:b"))).toBe(1);
    expect(planWidth(plan("a", "b", "c", "d:a,b,c"))).toBe(3);
    // Levels would say 2 (b,c then d,e); but c, d and e are pairwise unordered.
    expect(planWidth(plan("a", "b:a", "c:a", "d:b", "e:b"))).toBe(3);
    expect(planWidth([])).toBe(0);
  });
});
