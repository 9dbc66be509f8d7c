import { GraphQLError } from 'graphql';
import { LimitCode, OperationLimitError } from './errors';

/** A lone (unpaired) UTF-16 surrogate: a well-formed pair is one astral code point, not Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Checks the request's variables before anything runs, iteratively (a hostile value cannot
 * overflow the stack here):
 *
 * - nesting: arrays and objects at most `maxDepth` deep (the variables object is level 1) —
 *   MAX_VARIABLES_DEPTH_LIMIT. Values are refused even in variables the operation does not
 *   declare (graphql would silently ignore those);
 * - text: every string and key well-formed Unicode — a lone surrogate cannot be encoded as
 *   UTF-8 on its way to a subgraph and PostgreSQL — BAD_USER_INPUT.
 */
export function checkVariables(variables: unknown, maxDepth: number): void {
  const pending: { value: unknown; depth: number; name: string }[] = [];
  if (variables && typeof variables === 'object')
    for (const [name, value] of Object.entries(variables)) {
      if (LONE_SURROGATE.test(name)) throw malformed(name);
      pending.push({ value, depth: 1, name });
    }
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, depth, name } = item;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) throw malformed(name);
    } else if (value && typeof value === 'object') {
      if (depth + 1 > maxDepth) {
        throw new OperationLimitError(
          LimitCode.variablesDepth,
          `Variable "$${name}" is nested more than ${maxDepth} levels deep.`,
        );
      }
      for (const [key, inner] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) throw malformed(name);
        pending.push({ value: inner, depth: depth + 1, name });
      }
    }
  }
}

function malformed(name: string): GraphQLError {
  return new GraphQLError(
    `Variable "$${name}" is not well-formed Unicode (it contains a lone surrogate).`,
    { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
  );
}
