import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { operationsDir } from '../../router/persisted/manifest';

/**
 * Runs `work` on a private copy of schema/operations in which one partner document has changed
 * (a field removed), so the copy's committed manifest is stale; the copy is removed afterwards.
 */
export function withChangedOperations(work: (dir: string, changedFile: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'mercato-operations-'));
  try {
    cpSync(operationsDir, dir, { recursive: true });
    const file = path.join(dir, 'partner', 'StockAvailability.graphql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('availableQuantity', ''));
    work(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
