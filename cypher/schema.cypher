// plantrace graph model — the one place its names are defined. Applied idempotently at every start and
// load (IF NOT EXISTS). README has a diagram.
//
// Nodes (every node has a unique `id` and a caption: `title` or `name`)
//   (:Plan)         a document: kind plan | interpretation | catalog, level national | provincial | …;
//                   the national plan also carries :NationalPlan, interpretations :Interpretation
//   (:Action)       a section of a plan (kind action | goals | safeguards | other)
//   (:Measure)      a numbered measure of a section; national tasks are the measures of the national plan
//   (:Indicator)    a quantity plans set targets for (常住人口城镇化率)
//   (:Region)       GB/T 2260 division (id = code) or functional region (id = fr:<name>)
//   (:Agency)       a government body (id = agency:<name>)
//   (:Obligation)   a dated obligation a plan sets (key = owner#oN): due, subject, what, planDue,
//                   obligedLevel, obligedRegions; a plan due from lower governments has a status
// Relationships
//   (:Plan)-[:HAS_ACTION]->(:Action)-[:HAS_MEASURE]->(:Measure)
//   (:Measure|Action|Plan)-[:IMPLEMENTS {score, method, rank, evidence, source, file, sha256, line, start,
//        end, review, reviewNote, reviewedAt}]->(:Measure|Action|Plan one level up: the parent plan's, or
//        the national plan's; a plan's own link goes to its parent plan)
//   Plan properties of the cascade: level, parent, parentLevel, parentMethod, nationalPlan, missingParent
//   (:Plan)-[:SETS]->(:Obligation)
//   (:Measure|Action|Plan)-[:TARGETS {key, value, unit, comparator, year, per, cumulative, kind, text,
//        file, sha256, line, offset}]->(:Indicator)
//   (:Measure|Plan)-[:MENTIONS {mention}]->(:Region)      the text names the region
//   (:Plan)-[:COVERS]->(:Region)                          the plan's own jurisdiction
//   (:Plan)-[:INVOLVES {role}]->(:Agency)                 issuer, drafter, coordinator, copied-to, printer
//   (:Measure)-[:INVOLVES {role: 'responsible'}]->(:Agency)
//   (:Region)-[:PART_OF]->(:Region)
//   (:Plan:Interpretation)-[:INTERPRETS]->(:Plan)
CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (n:Plan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT action_id IF NOT EXISTS FOR (n:Action) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (n:Measure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE INDEX measure_plan IF NOT EXISTS FOR (n:Measure) ON (n.plan);
CREATE INDEX action_plan IF NOT EXISTS FOR (n:Action) ON (n.plan);
CREATE INDEX plan_level IF NOT EXISTS FOR (n:Plan) ON (n.level);
CREATE INDEX plan_region IF NOT EXISTS FOR (n:Plan) ON (n.regionCode);
CREATE INDEX plan_parent IF NOT EXISTS FOR (n:Plan) ON (n.parent);
CREATE CONSTRAINT obligation_key IF NOT EXISTS FOR (n:Obligation) REQUIRE n.key IS UNIQUE;
CREATE INDEX implements_source IF NOT EXISTS FOR ()-[r:IMPLEMENTS]-() ON (r.source);
// Full-text search over the Simplified text (searchText = title + text, or an indicator's name); the cjk
// analyzer indexes Chinese as overlapping character pairs, so any two-character query finds its words.
// Eventually consistent: a write's commit queues its index updates instead of applying them (the
// applying cost about half of a load's commit time); a load ends by waiting until the index holds
// everything written (cypher/search-refresh.cypher, src/graph/writer.ts awaitSearchIndex).
CREATE FULLTEXT INDEX plantrace_text IF NOT EXISTS
FOR (n:Measure|Action|Plan|Indicator) ON EACH [n.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: true } };
