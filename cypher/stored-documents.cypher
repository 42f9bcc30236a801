// Documents as alignment needs them, rebuilt from the graph (src/graph/stored.ts): the plan with its
// sections and measures, texts in both scripts, catalog terms and lines. Used for parents and for
// documents re-linked because a plan above them (or the plan they explain) was loaded.
UNWIND $ids AS id
MATCH (p:Plan {id: id})
RETURN p {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber,
          .issuedOn, .publishedOn, .periodStart, .periodEnd, .periodText, .preamble, .preambleLines, .encoding, .script,
          .format, .file, .sha256, .interpretsTitle} AS plan,
       [(p)-[:HAS_ACTION]->(a:Action) | a {.id, .title, .titleSimplified, .label, .ordinal, .kind, .text,
          .textSimplified, .confidence, .keywords, .line, .endLine, .paragraphLines, .start, .end,
          measures: [(a)-[:HAS_MEASURE]->(m:Measure) | m {.id, .title, .titleSimplified, .label, .ordinal,
            .text, .textSimplified, .confidence, .keywords, .line, .endLine, .paragraphLines, .start, .end}]}] AS sections;
