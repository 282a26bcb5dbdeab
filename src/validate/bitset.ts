/** A fixed-size set of small integers (task indices), for closures over whole plans. */
export class Bitset {
  private readonly words: Uint32Array;

  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  has(index: number): boolean {
    return (this.words[index >>> 5]! & (1 << (index & 31))) !== 0;
  }

  add(index: number): void {
    this.words[index >>> 5]! |= 1 << (index & 31);
  }

  /** Adds every member of `other` (same size). */
  addAll(other: Bitset): void {
    const words = this.words;
    const source = other.words;
    for (let i = 0; i < words.length; i++) words[i]! |= source[i]!;
  }

  /** Calls `visit` for each member, in increasing order. */
  forEach(visit: (index: number) => void): void {
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w]!;
      while (word !== 0) {
        const low = word & -word;
        visit((w << 5) + 31 - Math.clz32(low));
        word ^= low;
      }
    }
  }
}
