// Regions a text names or covers: administrative divisions by full name (or short name for provinces
// and cities), functional regions and their aliases, combined names (杭甬), abbreviations in their
// compact forms (在沪, 沪苏皖), and 全市/全省/我市 for the document's own region.
import type { RegionRef } from '../model/document.js';
import { gazetteer, type Gazetteer, type Region } from '../reference/gazetteer.js';

export interface RegionContext {
  /** The document's own region id (GB/T 2260), or null for national documents. */
  regionId: string | null;
}

/**
 * Every name the scanner looks for (a region's full, short or alias name, a combined name, an alias some
 * scope has), as a trie over UTF-16 code units: node 0 is the root, `next` maps node × 65536 + unit to
 * the child. `base` marks nodes that end a name or combined name (found in every document); `scoped` those
 * that end an alias of some scope (found only where the document's scope has it). Walking it from a
 * position visits exactly the slices the gazetteer's prefix set lets a scanner extend to, without
 * building a string per slice.
 */
interface NameTrie {
  /** The root's children by code unit (0: none), read for every character scanned. */
  root: Int32Array;
  next: Map<number, number>;
  /** Whether a node has children: a slice ending at it may still grow into a longer name. */
  inner: Uint8Array;
  base: Uint8Array;
  scoped: Uint8Array;
  /**
   * The gazetteer's abbreviations with their needles, and a string each of its needles contains (the
   * abbreviation, when every needle holds it): a text without it holds none of them, so one search
   * settles most abbreviations instead of one per needle.
   */
  abbreviations: { abbr: string; id: string; needles: string[]; guard: string }[];
}

const tries = new WeakMap<Gazetteer, NameTrie>();

function nameTrie(g: Gazetteer): NameTrie {
  let trie = tries.get(g);
  if (trie) return trie;
  const next = new Map<number, number>();
  let nodes = 1;
  const ends: [string, 'base' | 'scoped'][] = [];
  for (const n of g.allNames()) ends.push([n, 'base']);
  for (const n of g.combined.keys()) ends.push([n, 'base']);
  for (const id of g.regions.keys()) for (const n of g.scopedAliases(id).keys()) ends.push([n, 'scoped']);
  const endAt: [number, 'base' | 'scoped'][] = [];
  const parents = new Set<number>();
  for (const [name, kind] of ends) {
    let node = 0;
    for (let k = 0; k < name.length; k++) {
      const key = node * 65536 + name.charCodeAt(k);
      let child = next.get(key);
      if (child === undefined) next.set(key, (child = nodes++));
      parents.add(node);
      node = child;
    }
    endAt.push([node, kind]);
  }
  const root = new Int32Array(0x10000);
  for (const [key, child] of next) if (key < 0x10000) root[key] = child;
  trie = {
    root,
    next,
    inner: new Uint8Array(nodes),
    base: new Uint8Array(nodes),
    scoped: new Uint8Array(nodes),
    abbreviations: g.abbreviationNeedles.map((a) => ({
      ...a,
      guard: a.needles.every((n) => n.includes(a.abbr)) ? a.abbr : '',
    })),
  };
  for (const node of parents) trie.inner[node] = 1;
  for (const [node, kind] of endAt) trie[kind][node] = 1;
  tries.set(g, trie);
  return trie;
}

/**
 * The lengths (shortest first, from 2) at which a name the scanner knows ends at `text[i]`: a region's
 * name, a combined name, or an alias of `scoped` (the document's scope). `first`: the trie's node for
 * `text[i]`, when the caller has read it already. The walk ends where the trie does, so a name of any
 * length is found (中国（上海）自由贸易试验区临港新片区 has 19 characters).
 */
export function nameLengthsAt(
  text: string,
  i: number,
  scoped: ReadonlyMap<string, string>,
  trie = nameTrie(gazetteer()),
  first = trie.root[text.charCodeAt(i)]!,
): number[] {
  const lengths: number[] = [];
  if (first === 0) return lengths;
  // Extend while the slice still begins some name (the node has children).
  for (let len = 2, node = first; i + len <= text.length; len++) {
    const child = trie.next.get(node * 65536 + text.charCodeAt(i + len - 1));
    if (child === undefined) break;
    node = child;
    if (trie.base[node] || (scoped.size > 0 && trie.scoped[node] && scoped.has(text.slice(i, i + len))))
      lengths.push(len);
    if (!trie.inner[node]) break;
  }
  return lengths;
}

export function extractRegions(text: string, ctx: RegionContext): RegionRef[] {
  const g = gazetteer();
  const trie = nameTrie(g);
  const found = new Map<string, RegionRef>();
  const add = (r: Region | undefined, mention: string, relation: RegionRef['relation'] = 'names') => {
    if (!r || found.has(r.id)) return;
    found.set(r.id, { id: r.id, name: r.name, kind: r.kind, mention, relation });
  };
  const home = ctx.regionId ? g.get(ctx.regionId) : undefined;
  const homeProvince = ctx.regionId ? g.provinceOf(ctx.regionId)?.id : undefined;
  const scoped = g.scopedAliases(homeProvince ?? null);

  // Longest match at each position, left to right.
  for (let i = 0; i < text.length;) {
    const first = trie.root[text.charCodeAt(i)]!;
    if (first === 0) {
      i++;
      continue;
    }
    const lengths = nameLengthsAt(text, i, scoped, trie, first);
    let matched = 0;
    for (const len of lengths.reverse()) {
      if (matched) break;
      const name = text.slice(i, i + len);
      const combined = g.combined.get(name);
      if (combined) {
        combined.forEach((id) => add(g.get(id), name));
        matched = len;
        break;
      }
      const scopedId = scoped.get(name);
      if (scopedId) {
        add(g.get(scopedId), name);
        matched = len;
        break;
      }
      if (!g.hasName(name)) continue;
      // Counties only by full name; a city's short name only inside the document's own province
      // (创新乡村 is not 新乡).
      const candidates = g
        .lookup(name)
        .filter((r) => r.kind !== 'county' || r.name === name)
        .filter(
          (r) =>
            r.kind !== 'city' || r.name === name || !homeProvince || g.provinceOf(r.id)?.id === homeProvince,
        );
      if (!candidates.length) continue;
      const best =
        candidates.length === 1
          ? candidates[0]
          : (candidates.find((r) => homeProvince && g.provinceOf(r.id)?.id === homeProvince) ??
            candidates.find((r) => r.kind === 'functional' || r.kind === 'province'));
      if (best) {
        add(best, name);
        matched = len;
      }
    }
    i += matched || 1;
  }
  for (const { abbr, id, needles, guard } of trie.abbreviations) {
    if (text.includes(guard) && needles.some((n) => text.includes(n))) add(g.get(id), abbr);
  }
  if (home && /全市|全省|全区|我市|我省|本市|本省/.test(text))
    add(home, /全市|全省|全区|我市|我省|本市|本省/.exec(text)![0], 'covers');
  return [...found.values()];
}
