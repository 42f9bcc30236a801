// Writes the Bloom perspective (bloom/plantrace.json) and the Neo4j Browser style sheet
// (browser/plantrace.grass) from the one palette (palette.ts) and the Bloom search phrases in
// cypher/bloom/. Both outputs are generated: change palette.ts or the Cypher and run `npm run styles`;
// tests/unit/bloom.test.ts fails when the committed files differ from what this produces.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cypher } from '../graph/cypher.js';
import { BloomPerspective } from '../model/bloom.js';
import { packageRoot } from '../paths.js';
import { LABEL_STYLES, NATIONAL_TASK, PLAN_COLORS, RELATIONSHIP_STYLES, type LabelStyle } from './palette.js';

/** Plans whose measures get a colour of their own in Bloom (the seeds; others keep the Measure colour). */
export const COLOURED_PLANS = ['沪府发-2024-12', 'doc-003-ec6a7881f5664fda', 'doc-001-cfc62b0174b6011a'];

const SEARCH_PHRASES = [
  {
    file: 'trace-measure',
    text: 'trace measure $measure',
    param: 'measure',
    label: 'Measure',
    prop: 'title',
  },
  {
    file: 'coverage-of-province',
    text: 'coverage of province $province',
    param: 'province',
    label: 'Region',
    prop: 'name',
  },
  {
    file: 'gaps-of-province',
    text: 'gaps of province $province',
    param: 'province',
    label: 'Region',
    prop: 'name',
  },
  {
    file: 'implementations-of-task',
    text: 'implementations of national task $task',
    param: 'task',
    label: 'Measure',
    prop: 'title',
  },
  {
    file: 'children-of-plan',
    text: 'cascade of plan $plan',
    param: 'plan',
    label: 'Plan',
    prop: 'title',
  },
  {
    file: 'status-of-plan',
    text: 'status of plan $plan',
    param: 'plan',
    label: 'Plan',
    prop: 'title',
  },
  {
    file: 'targets-for-indicator',
    text: 'targets for indicator $indicator',
    param: 'indicator',
    label: 'Indicator',
    prop: 'name',
  },
];

const PROPERTIES: Record<string, [string, string][]> = {
  Plan: [
    ['id', 'string'],
    ['title', 'string'],
    ['kind', 'string'],
    ['level', 'string'],
    ['region', 'string'],
    ['docNumber', 'string'],
    ['issuedOn', 'string'],
    ['file', 'string'],
  ],
  NationalPlan: [
    ['id', 'string'],
    ['title', 'string'],
  ],
  Interpretation: [
    ['id', 'string'],
    ['title', 'string'],
  ],
  Action: [
    ['id', 'string'],
    ['title', 'string'],
    ['kind', 'string'],
    ['plan', 'string'],
    ['confidence', 'string'],
    ['line', 'number'],
  ],
  Measure: [
    ['id', 'string'],
    ['title', 'string'],
    ['plan', 'string'],
    ['national', 'boolean'],
    ['confidence', 'string'],
    ['text', 'string'],
    ['file', 'string'],
    ['line', 'number'],
  ],
  Indicator: [
    ['id', 'string'],
    ['name', 'string'],
  ],
  Region: [
    ['id', 'string'],
    ['name', 'string'],
    ['kind', 'string'],
  ],
  Agency: [
    ['id', 'string'],
    ['name', 'string'],
  ],
};

const RELATIONSHIP_PROPERTIES: Record<string, [string, string][]> = {
  IMPLEMENTS: [
    ['score', 'number'],
    ['method', 'string'],
    ['rank', 'number'],
    ['review', 'string'],
    ['evidence', 'string'],
  ],
  TARGETS: [
    ['value', 'number'],
    ['unit', 'string'],
    ['comparator', 'string'],
    ['year', 'number'],
    ['text', 'string'],
  ],
  INVOLVES: [['role', 'string']],
  MENTIONS: [['mention', 'string']],
};

const caption = (key: string) => ({
  key,
  type: 'property',
  isCaption: true,
  inTooltip: true,
  styles: [] as string[],
});
const props = (list: [string, string][] = []) =>
  list.map(([name, dataType]) => ({ name, exclude: false, dataType }));
const rule = (basedOn: string, dataType: string, conditionValue: string, color: string, size?: number) => ({
  type: 'single' as const,
  basedOn,
  dataType,
  condition: 'equals',
  conditionValue,
  existingField: true,
  applyColor: true,
  applySize: size !== undefined,
  applyCaption: false,
  color,
  ...(size !== undefined ? { size } : {}),
});

function category(style: LabelStyle, id: number) {
  const styleRules =
    style.label === 'Measure'
      ? [
          rule('national', 'boolean', 'true', NATIONAL_TASK.color, NATIONAL_TASK.size),
          ...COLOURED_PLANS.map((plan, i) =>
            rule('plan', 'string', plan, PLAN_COLORS[(i + 1) % PLAN_COLORS.length]!),
          ),
        ]
      : [];
  return {
    id,
    name: style.label,
    labels: [style.label],
    color: style.color,
    icon: 'no-icon',
    size: style.size,
    properties: props(PROPERTIES[style.label]),
    captionKeys: [style.caption],
    captions: [caption(style.caption)],
    styleRules,
  };
}

export function bloomPerspective(): BloomPerspective {
  const perspective = {
    name: 'plantrace',
    id: '6f1f5e2a-8c1b-4d5e-9a7f-2b9c3d4e5f60',
    version: '2.15.0',
    type: 'STANDARD_PERSPECTIVE' as const,
    createdAt: '2026-11-22T00:00:00.000Z',
    lastEditedAt: '2026-11-22T00:00:00.000Z',
    parentPerspectiveId: null,
    hideUncategorisedData: false,
    hiddenCategories: [],
    hiddenRelationshipTypes: [],
    categories: LABEL_STYLES.map((s, i) => category(s, i + 1)),
    labels: Object.fromEntries(
      Object.entries(PROPERTIES).map(([label, list]) => [
        label,
        list.map(([propertyKey, dataType]) => ({ propertyKey, type: 'property', dataType })),
      ]),
    ),
    relationshipTypes: RELATIONSHIP_STYLES.map((r) => ({
      id: r.type,
      name: r.type,
      color: r.color,
      size: r.width,
      properties: props(RELATIONSHIP_PROPERTIES[r.type]),
      captionKeys: r.caption ? [r.caption] : [],
      captions: r.caption ? [caption(r.caption)] : [],
      styleRules:
        r.type === 'IMPLEMENTS'
          ? [
              {
                type: 'range' as const,
                basedOn: 'score',
                dataType: 'number',
                minValue: 0,
                maxValue: 1,
                existingField: true,
                applyColor: true,
                applySize: true,
                applyCaption: false,
                minColor: '#FADBD8',
                maxColor: r.color,
                minSize: 1,
                maxSize: r.width * 2,
              },
            ]
          : [],
    })),
    templates: SEARCH_PHRASES.map((p, i) => ({
      id: `plantrace-${i + 1}`,
      name: p.text,
      text: p.text,
      cypher: cypherBody(`bloom/${p.file}`),
      params: [{ name: `$${p.param}`, dataType: 'String', suggestionLabel: p.label, suggestionProp: p.prop }],
      hasCypherErrors: false,
    })),
    sceneActions: [],
    palette: { colors: PLAN_COLORS, currentIndex: 0 },
    metadata: {
      pathSegments: [
        { source: 'Plan', relationshipType: 'HAS_ACTION', target: 'Action' },
        { source: 'Action', relationshipType: 'HAS_MEASURE', target: 'Measure' },
        { source: 'Measure', relationshipType: 'IMPLEMENTS', target: 'Measure' },
        { source: 'Action', relationshipType: 'IMPLEMENTS', target: 'Action' },
        { source: 'Plan', relationshipType: 'IMPLEMENTS', target: 'Plan' },
        { source: 'Measure', relationshipType: 'TARGETS', target: 'Indicator' },
        { source: 'Plan', relationshipType: 'TARGETS', target: 'Indicator' },
        { source: 'Measure', relationshipType: 'MENTIONS', target: 'Region' },
        { source: 'Plan', relationshipType: 'COVERS', target: 'Region' },
        { source: 'Plan', relationshipType: 'SETS', target: 'Obligation' },
        { source: 'Plan', relationshipType: 'INVOLVES', target: 'Agency' },
        { source: 'Region', relationshipType: 'PART_OF', target: 'Region' },
        { source: 'Plan', relationshipType: 'INTERPRETS', target: 'Plan' },
      ],
      indexes: [],
    },
  };
  return BloomPerspective.parse(perspective);
}

/** A Cypher file without its comment lines (Bloom shows the query to the user). */
function cypherBody(name: string): string {
  return cypher(name)
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .trim();
}

/** Neo4j Browser style sheet (GraSS) with the same colours and captions. */
export function grass(): string {
  const out = ['/* plantrace — generated by src/view/styles.ts from src/view/palette.ts; do not edit. */'];
  out.push(
    'node {\n  diameter: 40px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  text-color-internal: #FFFFFF;\n  caption: "{id}";\n}',
  );
  // GraSS applies later rules over earlier ones: most general label first.
  for (const s of [...LABEL_STYLES].reverse())
    out.push(
      `node.${s.label} {\n  color: ${s.color};\n  border-color: ${s.border};\n  text-color-internal: #1C2833;\n` +
        `  caption: "{${s.caption}}";\n  diameter: ${Math.round(35 * s.size)}px;\n}`,
    );
  out.push('relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  caption: "<type>";\n}');
  for (const r of RELATIONSHIP_STYLES)
    out.push(
      `relationship.${r.type} {\n  color: ${r.color};\n  shaft-width: ${r.width}px;\n  caption: "${r.caption ? `{${r.caption}}` : '<type>'}";\n}`,
    );
  return `${out.join('\n\n')}\n`;
}

export function writeStyles(): string[] {
  const files = [
    [path.join(packageRoot, 'bloom', 'plantrace.json'), `${JSON.stringify(bloomPerspective(), null, 2)}\n`],
    [path.join(packageRoot, 'browser', 'plantrace.grass'), grass()],
  ] as const;
  for (const [file, text] of files) writeFileSync(file, text);
  return files.map(([f]) => path.relative(packageRoot, f));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const f of writeStyles()) console.log(`wrote ${f}`);
}
