import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files known to take the longest start first, so they overlap the many short ones instead of
 * running alone at the end. Vitest orders by the durations it cached from earlier runs, but CI
 * starts from a clean clone with no cache, where it falls back to file size (the fuzz files are
 * tiny, so they would come last).
 */
const slowest = ['test/fuzz/', 'test/order-integrity.test.ts', 'test/accounts.test.ts'];

const rank = (spec: TestSpecification) => {
  const index = slowest.findIndex((prefix) => spec.moduleId.includes(`/${prefix}`));
  return index === -1 ? slowest.length : index;
};

export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: within a rank, the base order stands.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
