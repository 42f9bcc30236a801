import type { Resolvers } from '../__generated__/resolvers-types.js';
import { mutation } from './mutation.js';
import { query } from './query.js';
import { typeResolvers } from './types.js';

export const resolvers: Resolvers = {
  ...typeResolvers,
  Query: query,
  Mutation: mutation,
};
