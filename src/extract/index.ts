// Extraction: fills the targets, regions and agencies of every section and measure of a parsed
// document, and the document's own (issuer, printer, copied-to, drafters, coordinators).
import type { AgencyRef, PolicyDocument } from '../model/document.js';
import { agencyId, canonicalAgency, extractAgencies } from './agencies.js';
import { extractRegions } from './regions.js';
import { extractObligations } from './obligations.js';
import { extractTargets } from './targets.js';
import { toSimplified } from '../parse/script.js';

export function enrichDocument(doc: PolicyDocument): PolicyDocument {
  const preamble = toSimplified(doc.preamble);
  const tctx = { periodEnd: doc.period?.end ?? null };
  const rctx = { regionId: doc.regionCode };
  const actx = { jurisdiction: doc.level === 'national' ? null : doc.region };
  const octx = { regionId: doc.regionCode };
  const sections = doc.sections.map((s) => ({
    ...s,
    targets: extractTargets(s.textSimplified, tctx),
    regions: extractRegions(`${s.titleSimplified}\n${s.textSimplified}`, rctx),
    agencies: extractAgencies(s.textSimplified, actx),
    obligations: extractObligations(s.textSimplified, octx),
    measures: s.measures.map((m) => ({
      ...m,
      targets: extractTargets(m.textSimplified, tctx),
      regions: extractRegions(m.textSimplified, rctx),
      agencies: extractAgencies(m.textSimplified, actx),
      obligations: extractObligations(m.textSimplified, octx),
    })),
  }));

  const agencies = new Map<string, AgencyRef>();
  const put = (a: AgencyRef) => {
    if (!agencies.has(`${a.id}|${a.role}`)) agencies.set(`${a.id}|${a.role}`, a);
  };
  if (doc.issuer) {
    const name = canonicalAgency(toSimplified(doc.issuer), actx) ?? toSimplified(doc.issuer);
    put({ id: agencyId(name), name, mention: doc.issuer, role: 'issuer' });
  }
  for (const a of extractAgencies(preamble, actx, 'responsible')) if (a.role !== 'responsible') put(a);
  for (const s of sections)
    for (const a of s.agencies) if (a.role === 'drafter' || a.role === 'coordinator') put(a);
  for (const s of sections)
    for (const m of s.measures) for (const a of m.agencies) if (a.role === 'coordinator') put(a);
  for (const entry of doc.trailer) {
    const line = toSimplified(entry);
    const copied = /^抄送[:：](.+?)。?$/.exec(line);
    if (copied) {
      for (const part of copied[1]!.split(/[，,、]/)) {
        const name =
          canonicalAgency(part.trim(), actx) ??
          (actx.jurisdiction ? part.trim().replace(/^市/, actx.jurisdiction) : part.trim());
        if (name) put({ id: agencyId(name), name, mention: part.trim(), role: 'copied-to' });
      }
    } else if (/^[\u4e00-\u9fa5]{2,20}(?:办公厅|办公室)$/.test(line)) {
      put({ id: agencyId(line), name: line, mention: entry, role: 'printer' });
    }
  }

  const docText = [doc.titleSimplified, preamble, ...sections.map((s) => s.textSimplified)].join('\n');
  return {
    ...doc,
    sections,
    targets: extractTargets(preamble, tctx),
    obligations: extractObligations(preamble, octx),
    regions: extractRegions(docText, rctx).map((r) =>
      r.id === doc.regionCode ? { ...r, relation: 'covers' as const } : r,
    ),
    agencies: [...agencies.values()],
  };
}
