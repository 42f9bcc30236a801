// Every indicator some plan targets.
MATCH (i:Indicator)
RETURN i {.*, __typename: 'Indicator'} AS node
ORDER BY i.name;
