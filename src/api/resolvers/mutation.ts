// Analysts' decisions on links. Both need the API key; both are stored on the IMPLEMENTS relationship
// with time and note, and every later load keeps them (cypher/load-document.cypher, step 7).
import { remark } from '../../align/links.js';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { badInput, notFound, unauthenticated } from '../errors.js';
import { queries } from '../queries.js';

export const mutation: MutationResolvers = {
  reviewAlignment: async (_p, { from, to, decision, note }, { store, authorized }) => {
    if (!authorized) throw unauthenticated();
    const [row] = await store.write(queries.review, {
      from,
      to,
      decision,
      note: note ?? null,
    });
    if (!row) throw notFound('alignment', `${from} → ${to}`);
    return row.link;
  },

  addAlignment: async (_p, { from, to, note, score }, { store, authorized }) => {
    if (!authorized) throw unauthenticated();
    const s = score ?? 1;
    if (!(s >= 0 && s <= 1)) throw badInput('score must be between 0 and 1');
    if (!note.trim()) throw badInput('note must say why the link exists');
    const evidence = JSON.stringify([remark('note', note)]);
    const [row] = await store.write(queries.addAlignment, {
      from,
      to,
      note,
      score: s,
      evidence,
    });
    if (!row) throw notFound('provision', `${from} or ${to}`);
    if (!row.valid || !row.link)
      throw badInput('a link goes from a local measure, action or plan to the national one of the same kind');
    return row.link;
  },
};
