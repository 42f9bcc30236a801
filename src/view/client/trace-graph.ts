// The trace graph, drawn by Neo4j's own renderer (@neo4j-nvl/base). Loaded on demand (a separate chunk),
// so the first screen does not wait for the graph library.
import { NVL, type Node, type Relationship } from '@neo4j-nvl/base';

export type { Node, Relationship };

let nvl: NVL | null = null;

export function drawGraph(container: HTMLElement, nodes: Node[], rels: Relationship[]): void {
  nvl?.destroy();
  nvl = new NVL(
    container,
    nodes,
    rels,
    {
      renderer: 'canvas',
      disableWebGL: true,
      disableTelemetry: true,
      disableWebWorkers: true,
      initialZoom: 1,
    },
    // Once the force layout settles, zoom so every node is in view.
    { onLayoutDone: () => nvl?.fit(nodes.map((n) => n.id)) },
  );
}

/** The id of the node or relationship under the pointer, if any. */
export function hitAt(evt: MouseEvent): string | undefined {
  if (!nvl) return undefined;
  const hits = nvl.getHits(evt);
  return hits.nvlTargets.relationships[0]?.data.id ?? hits.nvlTargets.nodes[0]?.data.id;
}

export function destroyGraph(): void {
  nvl?.destroy();
  nvl = null;
}
