import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cypher } from '../../src/graph/cypher.js';
import { BloomPerspective } from '../../src/model/bloom.js';
import { bloomPerspective, grass } from '../../src/view/styles.js';

const committed = JSON.parse(readFileSync('bloom/plantrace.json', 'utf8')) as unknown;
const schema = cypher('schema');
const labels = [...schema.matchAll(/^\/\/ {3}\(:(\w+)\)/gm)].map((m) => m[1]!);
const relTypes = [...new Set([...schema.matchAll(/\[:(\w+)/g)].map((m) => m[1]!))];

describe('Bloom perspective (bloom/plantrace.json)', () => {
  it('passes the perspective schema (Bloom cannot check it here)', () => {
    expect(() => BloomPerspective.parse(committed)).not.toThrow();
  });

  it('is exactly what src/view/styles.ts generates (run `npm run styles` after changing the palette)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(bloomPerspective())));
    expect(readFileSync('browser/plantrace.grass', 'utf8')).toBe(grass());
  });

  it('has a category for every node label and a style for every relationship type of the graph model', () => {
    const p = BloomPerspective.parse(committed);
    expect(labels).toEqual(
      expect.arrayContaining(['Plan', 'Action', 'Measure', 'Indicator', 'Region', 'Agency']),
    );
    for (const l of [...labels, 'NationalPlan', 'Interpretation'])
      expect(p.categories.map((c) => c.labels[0])).toContain(l);
    for (const t of relTypes) expect(p.relationshipTypes.map((r) => r.name)).toContain(t);
    // The national plan stands out, and IMPLEMENTS is weighted by score.
    const national = p.categories.find((c) => c.name === 'NationalPlan')!;
    expect(national.size).toBeGreaterThan(p.categories.find((c) => c.name === 'Plan')!.size);
    const impl = p.relationshipTypes.find((r) => r.name === 'IMPLEMENTS')!;
    expect(impl.styleRules[0]).toMatchObject({ type: 'range', basedOn: 'score', applySize: true });
  });

  it('has the analysts’ search phrases, each parameter used by its Cypher', () => {
    const p = BloomPerspective.parse(committed);
    expect(p.templates.map((t) => t.text)).toEqual(
      expect.arrayContaining([
        'trace measure $measure',
        'coverage of province $province',
        'implementations of national task $task',
        'targets for indicator $indicator',
      ]),
    );
    for (const t of p.templates) for (const param of t.params) expect(t.cypher).toContain(param.name);
  });
});
