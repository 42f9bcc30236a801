// The peer of the API benchmark: @neo4j/graphql (the off-the-shelf GraphQL layer for Neo4j) over the same
// graph, in its own process like plantrace's API, served by Apollo's standalone server. Just the types the
// nested read needs (plan → actions → measures → the measures they IMPLEMENT), generated resolvers only.
// Started by bench/api.bench.ts with NEO4J_URI, NEO4J_PASSWORD and PORT in its environment.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Plan @node {
    id: ID!
    title: String
    actions: [Action!]! @relationship(type: "HAS_ACTION", direction: OUT)
  }
  type Action @node {
    id: ID!
    title: String
    ordinal: Int
    measures: [Measure!]! @relationship(type: "HAS_MEASURE", direction: OUT)
  }
  type Measure @node {
    id: ID!
    title: String
    implements: [Measure!]! @relationship(type: "IMPLEMENTS", direction: OUT)
  }
`;

const driver = neo4j.driver(
  process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7690',
  neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
);
const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 4091), host: '127.0.0.1' },
});
process.stdout.write(`peer ${url}\n`);
