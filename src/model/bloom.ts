// The shape of a Neo4j Bloom perspective file, as far as it is known: Bloom has no published schema, so
// this encodes the fields that Bloom-accepted files carry and the pitfalls reported on import (missing
// relationship `size`, `icon`, the `labels` map or `metadata.pathSegments`; search phrases use `cypher`).
// tests/unit/bloom.test.ts validates bloom/plantrace.json against it, since Bloom cannot run here.
import { z } from 'zod';

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const Caption = z.object({
  key: z.string(),
  type: z.string(),
  isCaption: z.boolean(),
  inTooltip: z.boolean(),
  styles: z.array(z.string()),
});
const StyleRule = z.object({
  type: z.enum(['single', 'range']),
  basedOn: z.string(),
  dataType: z.string(),
  condition: z.string().optional(),
  conditionValue: z.union([z.string(), z.number(), z.array(z.number())]).optional(),
  minValue: z.number().optional(),
  maxValue: z.number().optional(),
  existingField: z.boolean(),
  applyColor: z.boolean(),
  applySize: z.boolean(),
  applyCaption: z.boolean(),
  color: Color.optional(),
  size: z.number().optional(),
  minColor: Color.optional(),
  maxColor: Color.optional(),
  minSize: z.number().optional(),
  maxSize: z.number().optional(),
  captions: z.array(z.string()).optional(),
});
const Property = z.object({ name: z.string(), exclude: z.boolean(), dataType: z.string() });

export const BloomPerspective = z.object({
  name: z.string().min(1),
  id: z.uuid(),
  version: z.string(),
  type: z.literal('STANDARD_PERSPECTIVE'),
  createdAt: z.string(),
  lastEditedAt: z.string(),
  parentPerspectiveId: z.string().nullable(),
  hideUncategorisedData: z.boolean(),
  hiddenCategories: z.array(z.number()),
  hiddenRelationshipTypes: z.array(z.string()),
  categories: z
    .array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        labels: z.array(z.string()).min(1),
        color: Color,
        icon: z.string().min(1),
        size: z.number().positive(),
        properties: z.array(Property),
        captionKeys: z.array(z.string()),
        captions: z.array(Caption).min(1),
        styleRules: z.array(StyleRule),
        textSize: z.number().optional(),
      }),
    )
    .min(1),
  labels: z.record(
    z.string(),
    z.array(z.object({ propertyKey: z.string(), type: z.string(), dataType: z.string() })),
  ),
  relationshipTypes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      color: Color,
      size: z.number().positive(),
      properties: z.array(Property),
      captionKeys: z.array(z.string()),
      captions: z.array(Caption),
      styleRules: z.array(StyleRule),
    }),
  ),
  templates: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      text: z.string(),
      cypher: z.string().min(1),
      params: z.array(
        z.object({
          name: z.string().regex(/^\$\w+$/),
          dataType: z.string(),
          suggestionLabel: z.string().nullable(),
          suggestionProp: z.string().nullable(),
        }),
      ),
      hasCypherErrors: z.boolean(),
    }),
  ),
  sceneActions: z.array(z.unknown()),
  palette: z.object({ colors: z.array(Color), currentIndex: z.number().int() }),
  metadata: z.object({
    pathSegments: z
      .array(z.object({ source: z.string(), relationshipType: z.string(), target: z.string() }))
      .min(1),
    indexes: z.array(z.unknown()),
  }),
});
export type BloomPerspective = z.infer<typeof BloomPerspective>;
