import { describe, expect, it } from 'vitest';
import { observeStatements, type StatementOutcome } from '../../../lib/statements';
import { categoriesByIds } from '../../../subgraphs/catalog/db/categories';
import { productsByIds } from '../../../subgraphs/catalog/db/products';
import { tables } from '../../../subgraphs/catalog/db/schema';
import { useSubgraphs } from '../../support/subgraphs';

/**
 * Named data access (lib/statements.ts): a data function's calls are seen under its name, with
 * the rows it returned, by the observers of the handle it was called with and no others.
 */
const harness = useSubgraphs([]);

describe('statement names', () => {
  it('reports each call of a data function under its name, with its row count', async () => {
    const db = harness.db(tables);
    const seen: { name: string; outcome: StatementOutcome }[] = [];
    observeStatements(db, (name) => (outcome) => seen.push({ name, outcome }));
    const rows = await productsByIds(db, [1, 2, 3, 999_999]);
    await categoriesByIds(db, [1]);
    expect(rows).toHaveLength(3);
    expect(seen).toEqual([
      { name: 'productsByIds', outcome: { rows: 3 } },
      { name: 'categoriesByIds', outcome: { rows: 1 } },
    ]);
  });

  it('tells the observers of one handle only, and reports a failure with its error', async () => {
    const mine = harness.db(tables);
    const other = harness.db(tables);
    const seen: string[] = [];
    observeStatements(
      mine,
      (name) => (outcome) => seen.push(`${name}:${outcome.error ? 'error' : 'ok'}`),
    );
    await productsByIds(other, [1]);
    expect(seen).toEqual([]);
    // An id past int4 makes PostgreSQL refuse the statement.
    await expect(productsByIds(mine, [2 ** 40])).rejects.toThrow();
    expect(seen).toEqual(['productsByIds:error']);
  });
});
