// Waits until the eventually consistent full-text index (cypher/schema.cypher) holds every committed
// write: the end of a load and of an unload, so that search answers what was just written.
CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh();
