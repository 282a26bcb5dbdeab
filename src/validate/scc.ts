/** The part of an item link the search needs. */
interface ItemLink {
  target: number;
}

/**
 * Strongly connected components (Tarjan, iterative: import chains can be deeper than the
 * call stack). `order` lists the components so that every component comes after all the
 * components it links to; `component[node]` is the index of the node's component in it.
 */
export function stronglyConnected(links: readonly (readonly ItemLink[])[]): {
  component: Int32Array;
  order: number[][];
} {
  const size = links.length;
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const component = new Int32Array(size).fill(-1);
  const onStack = new Uint8Array(size);
  const stack: number[] = [];
  const order: number[][] = [];
  let counter = 0;
  for (let root = 0; root < size; root++) {
    if (index[root] !== -1) continue;
    const path = [root];
    const cursor = [0];
    visit(root);
    while (path.length > 0) {
      const node = path[path.length - 1]!;
      const at = cursor[cursor.length - 1]!;
      const out = links[node]!;
      if (at < out.length) {
        cursor[cursor.length - 1] = at + 1;
        const next = out[at]!.target;
        if (index[next] === -1) {
          visit(next);
          path.push(next);
          cursor.push(0);
        } else if (onStack[next]) low[node] = Math.min(low[node]!, index[next]!);
        continue;
      }
      path.pop();
      cursor.pop();
      const parent = path[path.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[node]!);
      if (low[node] === index[node]) order.push(popComponent(node));
    }
  }
  return { component, order };

  function visit(node: number): void {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
  }

  function popComponent(root: number): number[] {
    const members: number[] = [];
    let node: number;
    do {
      node = stack.pop()!;
      onStack[node] = 0;
      component[node] = order.length;
      members.push(node);
    } while (node !== root);
    return members;
  }
}
