// Limits on every string and list argument, checked for the whole operation before anything runs
// (an Apollo plugin, argumentLimits), so a request over a limit costs no query and is refused with
// BAD_USER_INPUT (HTTP 400) and a message that names the argument and the limit. One zod schema per
// argument name; arguments the table does not name get the defaults for their type. docs/security.md
// lists them.
//
// graphql is imported by its CommonJS entry (graphql/index.js), the copy Apollo Server itself loads: the
// schema and the plugin's error must come from the same module instance as the helpers used here, and a
// bundler or test runner that prefers the package's ESM build would otherwise hand out a second one.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql/index.js';
import { z } from 'zod';
import { badRequestInput, decodeCursor, MAX_OFFSET, MAX_PAGE } from './errors.js';

export const LIMITS = {
  /** Characters of an id (ID arguments: plan, measure, task, indicator ids, from/to). */
  id: 200,
  /** Characters of the search text, and its words (space-separated; each one is a phrase of the query). */
  searchText: 200,
  searchWords: 32,
  /** Characters of a reviewer's note. */
  note: 2_000,
  /** Characters of a name argument (an indicator phrasing, a region name or code). */
  name: 100,
  /** Items of a list argument (planIds, kinds). */
  list: 50,
  /** Characters of any other string argument. */
  string: 2_000,
  /** first: page size. */
  page: MAX_PAGE,
  /** Rows a cursor may skip. */
  offset: MAX_OFFSET,
} as const;

const chars = (max: number) =>
  z.string().refine((s) => s.length <= max, { message: `at most ${max} characters` });

const searchText = chars(LIMITS.searchText).refine(
  (s) => s.split(/[\s\u3000]+/).filter(Boolean).length <= LIMITS.searchWords,
  { message: `at most ${LIMITS.searchWords} words` },
);

const cursor = z.string().refine((s) => decodeCursor(s) !== null, {
  message: `not a cursor this API issued (cursors come from pageInfo.endCursor and reach at most ${LIMITS.offset} rows)`,
});

const first = z
  .number()
  .int()
  .refine((n) => n >= 1 && n <= LIMITS.page, { message: `between 1 and ${LIMITS.page}` });

/** Schemas of single values by argument name (list arguments check each item with the same schema). */
const BY_NAME: Record<string, z.ZodType> = {
  text: searchText,
  note: chars(LIMITS.note),
  indicator: chars(LIMITS.name),
  region: chars(LIMITS.name),
  after: cursor,
  first,
};

/** What the limits need to know of an argument: its name, its named type, and whether it is a list. */
export interface ArgumentShape {
  name: string;
  type: string;
  list: boolean;
}

// Built once, not per argument and request (they were 3.6% of the API's CPU under load).
const ANY_ID = chars(LIMITS.id);
const ANY_STRING = chars(LIMITS.string);

function schemaOf(arg: ArgumentShape): z.ZodType | null {
  const named = BY_NAME[arg.name];
  if (named) return named;
  if (arg.type === 'ID') return ANY_ID;
  if (arg.type === 'String') return ANY_STRING;
  return null;
}

const isList = (t: GraphQLInputType): boolean => isListType(isNonNullType(t) ? t.ofType : t);
const shapeOf = (arg: GraphQLArgument): ArgumentShape => ({
  name: arg.name,
  type: getNamedType(arg.type).name,
  list: isList(arg.type),
});

/** The first limit the argument's value breaks, as a message, or null. */
export function checkArgument(field: string, arg: ArgumentShape, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const where = `${field}(${arg.name})`;
  const items: unknown[] = arg.list ? (Array.isArray(value) ? value : [value]) : [value];
  if (arg.list && items.length > LIMITS.list)
    return `${where}: at most ${LIMITS.list} items (got ${items.length})`;
  const schema = schemaOf(arg);
  if (!schema) return null;
  for (const item of items) {
    if (item === null || item === undefined) continue;
    const res = schema.safeParse(item);
    if (!res.success) {
      const got = typeof item === 'string' ? ` (got ${item.length} characters)` : '';
      return `${where}: ${res.error.issues[0]?.message ?? 'out of bounds'}${got}`;
    }
  }
  return null;
}

/** A field of a document that takes arguments: its definition and node, found once per document. */
interface ArgumentField {
  def: GraphQLField<unknown, unknown>;
  node: FieldNode;
}

/**
 * The fields with arguments of an operation and the document's fragments, by a walk with the schema's
 * types: once per parsed document (Apollo hands the same DocumentNode for the same query text), not per
 * request (the walk was 3.7 % of the API's CPU on trace).
 */
const argumentFieldsOf = new WeakMap<OperationDefinitionNode, ArgumentField[]>();
function argumentFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ArgumentField[] {
  let fields = argumentFieldsOf.get(operation);
  if (fields) return fields;
  fields = [];
  const typeInfo = new TypeInfo(schema);
  const roots: ASTNode[] = [
    operation,
    ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION),
  ];
  for (const root of roots)
    visit(
      root,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const def = typeInfo.getFieldDef();
          if (def && def.args.length > 0) fields.push({ def, node });
        },
      }),
    );
  argumentFieldsOf.set(operation, fields);
  return fields;
}

/** An operation's verdict when it has no variables (its arguments are then fixed by the document). */
const verdictOf = new WeakMap<OperationDefinitionNode, string | null>();

/** The first limit an argument of the operation breaks, as a message, or null. */
function problemOf(fields: ArgumentField[], variables: Record<string, unknown>): string | null {
  for (const { def, node } of fields) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(def, node, variables);
    } catch {
      continue; // execution reports it
    }
    for (const arg of def.args) {
      const problem = checkArgument(node.name.value, shapeOf(arg), values[arg.name]);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * Checks the arguments of every field of the operation (its fragments included) against LIMITS, after
 * validation and before execution. Variables are coerced as execution will coerce them; a request whose
 * variables do not coerce is left to execution, which refuses it with its own 400. The fields with
 * arguments are found once per document, and an operation without variables is judged once.
 */
export function argumentLimits<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo refuses it itself
          const definitions = operation.variableDefinitions ?? [];
          let problem: string | null | undefined = definitions.length ? undefined : verdictOf.get(operation);
          if (problem === undefined) {
            const coerced = getVariableValues(schema, definitions, request.variables ?? {});
            if ('errors' in coerced && coerced.errors) return;
            problem = problemOf(argumentFields(schema, document, operation), coerced.coerced);
            if (!definitions.length) verdictOf.set(operation, problem);
          }
          if (problem) throw badRequestInput(problem);
        },
      };
    },
  };
}
