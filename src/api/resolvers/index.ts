import type { Resolvers } from '../__generated__/resolvers-types.js';
import { health } from './health.js';

export const resolvers: Resolvers = {
  Query: { health },
};
