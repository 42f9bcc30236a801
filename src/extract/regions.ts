// Regions a text names or covers: administrative divisions by full name (or short name for provinces
// and cities), functional regions and their aliases, combined names (杭甬), abbreviations in their
// compact forms (在沪, 沪苏皖), and 全市/全省/我市 for the document's own region.
import type { RegionRef } from '../model/document.js';
import { gazetteer, type Region } from '../reference/gazetteer.js';

export interface RegionContext {
  /** The document's own region id (GB/T 2260), or null for national documents. */
  regionId: string | null;
}

export function extractRegions(text: string, ctx: RegionContext): RegionRef[] {
  const g = gazetteer();
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
    if (!g.firstChars.has(text[i]!)) {
      i++;
      continue;
    }
    // The lengths at which a name ends here: extend while the slice still begins some name.
    const lengths: number[] = [];
    for (let len = 2; len <= Math.min(16, text.length - i); len++) {
      const slice = text.slice(i, i + len);
      if (g.combined.has(slice) || scoped.has(slice) || g.hasName(slice)) lengths.push(len);
      if (!g.prefixes.has(slice)) break;
    }
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
  for (const { abbr, id, needles } of g.abbreviationNeedles) {
    if (needles.some((n) => text.includes(n))) add(g.get(id), abbr);
  }
  if (home && /全市|全省|全区|我市|我省|本市|本省/.test(text))
    add(home, /全市|全省|全区|我市|我省|本市|本省/.exec(text)![0], 'covers');
  return [...found.values()];
}
