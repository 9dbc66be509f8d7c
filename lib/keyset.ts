import { asc, desc, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  encodeCursor,
  parsePage,
  type CursorShape,
  type CursorValue,
  type Page,
  type PageArgs,
} from './pagination';

/**
 * A keyset order: a sort column and a unique tie-breaker, both in one direction, so
 * "the rows after this cursor" is a single row comparison that a btree index serves.
 */
export interface KeysetOrder<TRow> {
  /** Names the list and order inside cursors, e.g. `products:PRICE_ASC`. */
  kind: string;
  columns: [PgColumn, PgColumn];
  direction: 'asc' | 'desc';
  shape: [CursorShape, CursorShape];
  /** The row's values of `columns`, as they go into its cursor. */
  key: (row: TRow) => [CursorValue, CursorValue];
}

const casts: Record<CursorShape, string> = {
  string: 'text',
  number: 'integer',
  timestamp: 'timestamptz',
};

export function readPage<TRow>(order: KeysetOrder<TRow>, args: PageArgs): Page {
  return parsePage(args, order.kind, order.shape);
}

/** `(a, b) > (x, y)` for ascending orders, `<` for descending; undefined on the first page. */
export function afterCondition<TRow>(order: KeysetOrder<TRow>, page: Page): SQL | undefined {
  if (!page.after) return undefined;
  const [a, b] = order.columns;
  const [x, y] = page.after;
  const cast = (value: CursorValue | undefined, shape: CursorShape) =>
    sql`cast(${value} as ${sql.raw(casts[shape])})`;
  const op = sql.raw(order.direction === 'asc' ? '>' : '<');
  return sql`(${a}, ${b}) ${op} (${cast(x, order.shape[0])}, ${cast(y, order.shape[1])})`;
}

export function orderByOf<TRow>(order: KeysetOrder<TRow>): SQL[] {
  const dir = order.direction === 'asc' ? asc : desc;
  return order.columns.map((column) => dir(column));
}

/** `row_number() over (partition by group order by …)`: ranks rows within each parent. */
export function rankWithin<TRow>(group: SQLWrapper, order: KeysetOrder<TRow>): SQL<number> {
  const dir = sql.raw(order.direction);
  const [a, b] = order.columns;
  return sql<number>`row_number() over (partition by ${group} order by ${a} ${dir}, ${b} ${dir})`;
}

export function cursorOf<TRow>(order: KeysetOrder<TRow>, row: TRow): string {
  return encodeCursor(order.kind, order.key(row));
}
