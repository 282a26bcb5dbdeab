import type { FileNode } from "./types.js";

/**
 * The graph's files, each built from its cache entry the first time it is asked for. A
 * query that walks a corner of a large repository pays for that corner only.
 */
export class LazyFileMap implements ReadonlyMap<string, FileNode> {
  private readonly built = new Map<string, FileNode>();

  constructor(
    private readonly builders: ReadonlyMap<string, () => FileNode>,
    /** Files known not to be read cleanly, without building them. */
    readonly unclear: readonly string[],
  ) {}

  get size(): number {
    return this.builders.size;
  }

  has(path: string): boolean {
    return this.builders.has(path);
  }

  get(path: string): FileNode | undefined {
    let node = this.built.get(path);
    if (node) return node;
    const build = this.builders.get(path);
    if (!build) return undefined;
    node = build();
    this.built.set(path, node);
    return node;
  }

  keys(): MapIterator<string> {
    return this.builders.keys();
  }

  *values(): MapIterator<FileNode> {
    for (const path of this.builders.keys()) yield this.get(path)!;
  }

  *entries(): MapIterator<[string, FileNode]> {
    for (const path of this.builders.keys()) yield [path, this.get(path)!];
  }

  [Symbol.iterator](): MapIterator<[string, FileNode]> {
    return this.entries();
  }

  forEach(
    callback: (node: FileNode, path: string, map: ReadonlyMap<string, FileNode>) => void,
  ): void {
    for (const [path, node] of this.entries()) callback(node, path, this);
  }
}
