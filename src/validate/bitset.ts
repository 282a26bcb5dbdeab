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

  /** Removes every member of `other` (same size). */
  removeAll(other: Bitset): void {
    const words = this.words;
    const source = other.words;
    for (let i = 0; i < words.length; i++) words[i]! &= ~source[i]!;
  }

  /** Keeps only the members of `other` (same size). */
  keepOnly(other: Bitset): void {
    const words = this.words;
    const source = other.words;
    for (let i = 0; i < words.length; i++) words[i]! &= source[i]!;
  }

  /** Adds every index below `size`. */
  fill(): void {
    this.words.fill(0xffffffff);
    const spare = this.words.length * 32 - this.size;
    if (spare > 0) this.words[this.words.length - 1] = 0xffffffff >>> spare;
  }

  clone(): Bitset {
    const copy = new Bitset(this.size);
    copy.words.set(this.words);
    return copy;
  }

  /** Adds the members encoded in `words` (the layout of this set). */
  addWords(source: Uint32Array): void {
    const words = this.words;
    for (let i = 0; i < words.length; i++) words[i]! |= source[i]!;
  }

  /** The smallest member at or above `from`, or -1. */
  nextSetBit(from: number): number {
    if (from >= this.size) return -1;
    let w = from >>> 5;
    let word = this.words[w]! & (0xffffffff << (from & 31));
    while (word === 0) {
      if (++w >= this.words.length) return -1;
      word = this.words[w]!;
    }
    return (w << 5) + 31 - Math.clz32(word & -word);
  }

  /** The largest member at or below `from`, or -1. */
  previousSetBit(from: number): number {
    if (from < 0) return -1;
    let w = Math.min(from, this.size - 1) >>> 5;
    const shift = 31 - (Math.min(from, this.size - 1) & 31);
    let word = (this.words[w]! << shift) >>> shift;
    while (word === 0) {
      if (--w < 0) return -1;
      word = this.words[w]!;
    }
    return (w << 5) + 31 - Math.clz32(word);
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

/** Many bitsets of one size in one buffer: one row per set, no object per row. */
export class BitMatrix {
  private readonly words: Uint32Array;
  private readonly stride: number;

  constructor(rows: number, size: number) {
    this.stride = (size + 31) >>> 5;
    this.words = new Uint32Array(rows * this.stride);
  }

  has(row: number, index: number): boolean {
    return (this.words[row * this.stride + (index >>> 5)]! & (1 << (index & 31))) !== 0;
  }

  add(row: number, index: number): void {
    this.words[row * this.stride + (index >>> 5)]! |= 1 << (index & 31);
  }

  /** Adds every member of row `from` to row `to`. */
  addRow(to: number, from: number): void {
    const words = this.words;
    const a = to * this.stride;
    const b = from * this.stride;
    for (let i = 0; i < this.stride; i++) words[a + i]! |= words[b + i]!;
  }

  /** Adds every member of `row` to `set` (of the same size). */
  copyInto(row: number, set: Bitset): void {
    set.addWords(this.words.subarray(row * this.stride, (row + 1) * this.stride));
  }
}
