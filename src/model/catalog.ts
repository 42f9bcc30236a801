// The catalog file format: a hand-written description of a plan whose official text is not at hand
// (seeds/national-plan.catalog.yaml). The loader turns it into the ordinary document model
// (kind `catalog`), so everything downstream treats it like any parsed plan.
import { z } from 'zod';
import { Confidence, SectionKind } from './document.js';

const Entry = z.object({
  label: z.string().min(1),
  title: z.string().min(1),
  confidence: Confidence,
  /** Characteristic terms: what texts restating this entry tend to say. */
  terms: z.array(z.string().min(1)).default([]),
  /** Confidence of the term list when it differs from the entry's own. */
  terms_confidence: Confidence.optional(),
  /** A summary in the catalog's own words. */
  text: z.string().min(1),
});

export const CatalogSection = Entry.extend({
  kind: SectionKind,
  tasks: z.array(Entry).default([]),
});

export const CatalogFile = z.object({
  kind: z.literal('catalog'),
  docNumber: z.string().min(1),
  title: z.string().min(1),
  issuer: z.string().min(1),
  issuedOn: z.iso.date(),
  published: z.iso.date().optional(),
  basis: z.string().optional(),
  period: z.object({
    start: z.number().int(),
    end: z.number().int().nullable(),
    text: z.string(),
    confidence: Confidence,
  }),
  sections: z.array(CatalogSection).min(1),
});

export type CatalogFile = z.infer<typeof CatalogFile>;
export type CatalogSection = z.infer<typeof CatalogSection>;
