import {
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostOptions {
  /** `first` when a field takes it but the operation gives none and the schema has no default. */
  defaultFirst: number;
  /** The length assumed for a list field that takes no `first` (Order.lines, Category.children). */
  assumedListSize: number;
}

/*
 * The schema comes from the gateway, which may hold another instance of the graphql module than
 * this file (vitest loads graphql's ESM build, Node its CommonJS one). graphql's type predicates
 * (isListType, …) throw across instances, so types are read structurally here.
 */
type Fields = Record<string, GraphQLField<unknown, unknown>>;
function fieldsOf(type: GraphQLNamedType): Fields | undefined {
  const withFields = type as { getFields?: () => unknown };
  // Object and interface types; a union has no fields but __typename.
  return typeof withFields.getFields === 'function'
    ? (withFields.getFields() as Fields)
    : undefined;
}
/**
 * `[Review!]!` → a list of Review; `Review!` → not a list. Read once per type object: its text is
 * built afresh on every String(), and every request's estimate reads the same few types.
 */
const shapes = new WeakMap<GraphQLOutputType, { list: boolean; name: string }>();
function shapeOf(type: GraphQLOutputType): { list: boolean; name: string } {
  let shape = shapes.get(type);
  if (!shape) {
    const text = String(type);
    shape = { list: text.replace(/!$/, '').startsWith('['), name: text.replace(/[[\]!]/g, '') };
    shapes.set(type, shape);
  }
  return shape;
}
function isList(type: GraphQLOutputType): boolean {
  return shapeOf(type).list;
}
function namedTypeOf(schema: GraphQLSchema, type: GraphQLOutputType): GraphQLNamedType | undefined {
  return schema.getType(shapeOf(type).name) ?? undefined;
}

/**
 * The estimated cost of an operation, before it runs, from the document and its variables.
 *
 * - every field costs 1 (`__typename` included); the introspection fields `__schema` and
 *   `__type` cost nothing (in production they are refused anyway; the explorer needs them);
 * - a field with a `first` argument multiplies its subtree by `first` (a literal, a variable's
 *   value or default, else the argument's default — 20 in this schema — else `defaultFirst`);
 * - any other list field multiplies its subtree by `assumedListSize`, except the `nodes` and
 *   `edges` of a `…Connection` type, whose length is the `first` of the field that returned it;
 * - a fragment costs what its selections cost, wherever it is spread (and each spread counts).
 *
 * So `products(first: 100) { nodes { reviews(first: 100) { nodes { body } } } }` costs
 * 1 + 100 × (1 + 1 + 100 × (1 + 1)) = 20 201. Fragments are costed once each (memoized), so a
 * fragment "bomb" (each fragment spreading the next ten times) is costed in linear time, and a
 * fragment cycle (which validation reports first) cannot loop.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  options: CostOptions,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  const fragmentCosts = new Map<string, number>();
  const inProgress = new Set<string>();
  // The variables as execution will see them: given values, else the declared defaults.
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables && name in variables) values[name] = variables[name];
    else if (definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }

  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  return selectionSetCost(operation.selectionSet, rootType);

  function selectionSetCost(selectionSet: SelectionSetNode, parentType: GraphQLNamedType): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parentType);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parentType;
        if (type) total += selectionSetCost(selection.selectionSet, type);
      } else {
        total += fragmentCost(selection.name.value);
      }
    }
    return total;
  }

  function fragmentCost(name: string): number {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !type || inProgress.has(name)) return 0;
    inProgress.add(name);
    const cost = selectionSetCost(fragment.selectionSet, type);
    inProgress.delete(name);
    fragmentCosts.set(name, cost);
    return cost;
  }

  function fieldCost(node: FieldNode, parentType: GraphQLNamedType): number {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return 0;
    const field = fieldsOf(parentType)?.[name];
    const type = field && namedTypeOf(schema, field.type);
    if (!node.selectionSet || !field || !type) return 1;
    return 1 + listSize(node, field, parentType) * selectionSetCost(node.selectionSet, type);
  }

  function listSize(
    node: FieldNode,
    field: GraphQLField<unknown, unknown>,
    parentType: GraphQLNamedType,
  ): number {
    const first = field.args.find((arg) => arg.name === 'first');
    if (first) {
      const argument = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
      const value =
        argument === undefined
          ? first.defaultValue
          : argument.kind === Kind.INT
            ? Number(argument.value)
            : argument.kind === Kind.VARIABLE
              ? values[argument.name.value]
              : undefined;
      return typeof value === 'number' && value >= 0 ? value : options.defaultFirst;
    }
    if (!isList(field.type)) return 1;
    const connectionList =
      parentType.name.endsWith('Connection') && (field.name === 'nodes' || field.name === 'edges');
    return connectionList ? 1 : options.assumedListSize;
  }
}
