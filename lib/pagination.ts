import { badUserInput } from './errors';

/** DESIGN.md §2: `first` defaults to 20 and may not exceed 100; more is an error, never a silent scan. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export type CursorValue = string | number;

const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A decoded page request: how many rows and the keyset position to continue after. */
export interface Page {
  first: number;
  after: CursorValue[] | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What connection resolvers return; `count` runs only if a client asks for totalCount. */
export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  count: () => Promise<number>;
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0)
    throw badUserInput('`first` must be zero or more', 'first');
  if (first > MAX_PAGE_SIZE) {
    throw badUserInput(
      `\`first\` may be at most ${MAX_PAGE_SIZE}; page with \`after\` instead`,
      'first',
    );
  }
  return first;
}

/**
 * Cursors are opaque to clients: base64url of JSON `[kind, ...keyValues]`. The kind names the
 * list and its order, so a cursor taken from one ordering cannot be replayed against another.
 */
export function encodeCursor(kind: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([kind, ...values])).toString('base64url');
}

/** How each key value of a cursor is checked: `timestamp` is an ISO string PostgreSQL will accept. */
export type CursorShape = 'string' | 'number' | 'timestamp';

export function decodeCursor(cursor: string, kind: string, shape: CursorShape[]): CursorValue[] {
  const invalid = () => badUserInput('`after` is not a valid cursor for this list', 'after');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length + 1 || parsed[0] !== kind)
    throw invalid();
  return (parsed.slice(1) as unknown[]).map((value, i) => {
    const expected = shape[i];
    // Only values PostgreSQL will accept for the key's column type: a hand-made cursor must
    // fail here as the client's mistake, not later as a database error.
    if (expected === 'number') {
      if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < INT4_MIN ||
        value > INT4_MAX
      ) {
        throw invalid();
      }
      return value;
    }
    if (typeof value !== 'string' || value.length > 1000 || value.includes('\u0000'))
      throw invalid();
    if (expected === 'timestamp') {
      const time = Date.parse(value);
      if (Number.isNaN(time)) throw invalid();
      const iso = new Date(time).toISOString();
      // Four-digit years only: toISOString writes others as ±YYYYYY, which PostgreSQL rejects.
      if (!/^\d{4}-/.test(iso)) throw invalid();
      return iso;
    }
    return value;
  });
}

/** Validates `first`/`after` for one list kind. */
export function parsePage(args: PageArgs, kind: string, shape: CursorShape[]): Page {
  return {
    first: pageSize(args.first),
    after:
      args.after === null || args.after === undefined
        ? null
        : decodeCursor(args.after, kind, shape),
  };
}

/**
 * Builds a connection from rows fetched with LIMIT first + 1: the extra row only says that a
 * next page exists.
 */
export function toConnection<T>(
  rows: T[],
  page: Page,
  cursorOf: (row: T) => string,
  count: () => Promise<number>,
): Connection<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    count,
  };
}
