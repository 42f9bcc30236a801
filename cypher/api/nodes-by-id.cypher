// Batch look-up of any node by id (DataLoader): one indexed seek per label, no label-less scan.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Measure {id: id}) RETURN n
  UNION
  MATCH (n:Action {id: id}) RETURN n
  UNION
  MATCH (n:Plan {id: id}) RETURN n
  UNION
  MATCH (n:Indicator {id: id}) RETURN n
  UNION
  MATCH (n:Region {id: id}) RETURN n
  UNION
  MATCH (n:Agency {id: id}) RETURN n
}
RETURN id, n {.*, __typename: [l IN labels(n) WHERE l IN ['Measure', 'Action', 'Plan', 'Indicator', 'Region', 'Agency']][0],
              national: n:NationalPlan OR coalesce(n.national, false)} AS node;
