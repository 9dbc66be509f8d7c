import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * `column = any($1::int[])`: one statement and one parameter for any number of keys, so the
 * statement text (and its prepared plan) is the same for 1 key and for 100.
 * The list travels as a PostgreSQL array literal because the pool does not fetch array types
 * (that would cost every new connection a round trip).
 */
export function anyInt(column: SQLWrapper, ids: readonly number[]): SQL {
  return sql`${column} = any(${intArray(ids)})`;
}

/** `$1::int[]`: integers as one array parameter (as an array literal; see anyInt). */
export function intArray(values: readonly number[]): SQL {
  return sql`${intArrayLiteral(values)}::int[]`;
}

/** Integers as a PostgreSQL array literal, `{1,2,3}`. */
function intArrayLiteral(values: readonly number[]): string {
  for (const value of values)
    if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer: ${value}`);
  return `{${values.join(',')}}`;
}

/**
 * anyInt for a statement built once (builtOnce): `column = any($keys::int[])`, the keys given
 * at each execution as `keys(ids)`.
 */
export function anyIntKeys(column: SQLWrapper): SQL {
  return sql`${column} = any(${sql.placeholder('keys')}::int[])`;
}

/** The value of anyIntKeys' placeholder. */
export function keys(ids: readonly number[]): { keys: string } {
  return { keys: intArrayLiteral(ids) };
}

/** anyText for a statement built once: `column = any($keys::text[])`, given `textKeys(values)`. */
export function anyTextKeys(column: SQLWrapper): SQL {
  return sql`${column} = any(${sql.placeholder('keys')}::text[])`;
}

/** The value of anyTextKeys' placeholder. */
export function textKeys(values: readonly string[]): { keys: string } {
  return { keys: textArrayLiteral(values) };
}

/**
 * A statement drizzle builds once per database handle and then only executes (the handle's
 * `.prepare(name)` result): turning a query builder into SQL costs about 45 µs of CPU per call,
 * a fifth of what a subgraph spends on a whole key lookup. For the hot fixed-shape lookups of the
 * read path; a statement built per call stays the rule elsewhere.
 */
export function builtOnce<TDb extends object, TStatement>(
  build: (db: TDb) => TStatement,
): (db: TDb) => TStatement {
  const built = new WeakMap<TDb, TStatement>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) built.set(db, (statement = build(db)));
    return statement;
  };
}

/**
 * `column = any($1::text[])`, each element quoted and escaped as array-literal syntax requires.
 * PostgreSQL text cannot hold NUL, so a value containing one matches nothing and is left out.
 */
export function anyText(column: SQLWrapper, values: readonly string[]): SQL {
  return sql`${column} = any(${textArrayLiteral(values)}::text[])`;
}

/** Strings as a PostgreSQL array literal, each quoted and escaped; those holding NUL left out. */
function textArrayLiteral(values: readonly string[]): string {
  const storable = values.filter((v) => !v.includes('\u0000'));
  return `{${storable.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Whether `error` (or what it wraps: drizzle wraps driver errors) violates unique `constraint`. */
export function violatesUnique(error: unknown, constraint: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (
      'code' in current &&
      current.code === '23505' &&
      'constraint_name' in current &&
      current.constraint_name === constraint
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
