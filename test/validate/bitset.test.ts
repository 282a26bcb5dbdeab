import fc from "fast-check";
import { expect, test } from "vitest";
import { BitMatrix, Bitset } from "../../src/validate/bitset.js";

const sets = fc
  .integer({ min: 1, max: 200 })
  .chain((size) =>
    fc.tuple(fc.constant(size), fc.uniqueArray(fc.nat(size - 1)), fc.uniqueArray(fc.nat(size - 1))),
  );

const setOf = (size: number, members: number[]) => {
  const set = new Bitset(size);
  members.forEach((m) => set.add(m));
  return set;
};
const membersOf = (set: Bitset) => {
  const found: number[] = [];
  set.forEach((m) => found.push(m));
  return found;
};

test("Bitset operations agree with plain sets", () => {
  fc.assert(
    fc.property(sets, fc.nat(220), ([size, a, b], from) => {
      const sorted = [...a].sort((x, y) => x - y);
      const set = setOf(size, a);
      expect(membersOf(set)).toEqual(sorted);
      expect(set.nextSetBit(from)).toBe(sorted.find((m) => m >= from) ?? -1);
      expect(set.previousSetBit(from)).toBe([...sorted].reverse().find((m) => m <= from) ?? -1);
      const union = set.clone();
      union.addAll(setOf(size, b));
      expect(membersOf(union)).toEqual([...new Set([...a, ...b])].sort((x, y) => x - y));
      const kept = set.clone();
      kept.keepOnly(setOf(size, b));
      expect(membersOf(kept)).toEqual(sorted.filter((m) => b.includes(m)));
      const removed = set.clone();
      removed.removeAll(setOf(size, b));
      expect(membersOf(removed)).toEqual(sorted.filter((m) => !b.includes(m)));
      const full = new Bitset(size);
      full.fill();
      expect(membersOf(full)).toEqual(Array.from({ length: size }, (_, i) => i));
      const matrix = new BitMatrix(2, size);
      a.forEach((m) => matrix.add(1, m));
      matrix.addRow(0, 1);
      const copy = new Bitset(size);
      matrix.copyInto(0, copy);
      expect(membersOf(copy)).toEqual(sorted);
    }),
  );
});
