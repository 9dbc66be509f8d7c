/**
 * Named data access. Every data function of a subgraph (`db/<aggregate>.ts`) is declared through
 * `statement(name, fn)`: metrics and traces then see each call under the data function's name
 * (`productsByIds`, `reserve`, …) — a bounded set of labels that says what ran, never the SQL
 * text or its values. A data function issues one statement (DESIGN.md §3), or one transaction.
 *
 * Observers attach to a database handle (the drizzle instance a process opened), so each
 * process — or each in-process test server — sees only its own calls.
 */

/** What an observer learns when a call ends. */
export interface StatementOutcome {
  /** Rows returned, when the function returns a list. */
  rows?: number;
  /** Set when the call failed (the error is rethrown to the caller unchanged). */
  error?: unknown;
}

/** Told when a named call starts; returns what to do when it ends. */
export type StatementObserver = (name: string) => (outcome: StatementOutcome) => void;

const observers = new WeakMap<object, StatementObserver[]>();

/** Observes every named call made with `db` (the handle passed as the data function's first argument). */
export function observeStatements(db: object, observer: StatementObserver): void {
  observers.set(db, [...(observers.get(db) ?? []), observer]);
}

/** `fn` under `name`: the data function as callers use it, observed when its handle is. */
export function statement<A extends [object, ...unknown[]], R>(
  name: string,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    const watching = observers.get(args[0]);
    if (!watching) return await fn(...args);
    const ends = watching.map((observer) => observer(name));
    try {
      const result = await fn(...args);
      const rows = Array.isArray(result) ? result.length : undefined;
      for (const end of ends) end(rows === undefined ? {} : { rows });
      return result;
    } catch (error) {
      for (const end of ends) end({ error });
      throw error;
    }
  };
}
