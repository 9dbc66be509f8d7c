import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';
import { root } from '../../lib/paths';

/**
 * The boundaries of DESIGN.md §6 as `npm run lint` checks them (.dependency-cruiser.cjs): every
 * rule fires on a deliberately bad tree (test/lint/fixtures, laid out like the repository), and
 * the real tree breaks none. No database: this only reads source files.
 */
const configFile = path.join(root, '.dependency-cruiser.cjs');
const fixtures = path.join(root, 'test', 'lint', 'fixtures');
/** What `npm run lint` cruises. */
const realTree = ['contracts', 'lib', 'ops', 'router', 'subgraphs', 'scripts', 'test'];

/** Cruises `dirs` under `baseDir` with the real configuration; violations as `rule: from → to`. */
async function violations(baseDir: string, dirs: string[]): Promise<string[]> {
  const options = await extractDepcruiseOptions(configFile);
  const tsConfig = extractTSConfig(path.join(root, 'tsconfig.json'));
  const { output } = await cruise(dirs, { ...options, baseDir }, {}, { tsConfig });
  const result = output as ICruiseResult;
  return result.summary.violations
    .map((v) => `${v.rule.name}: ${v.from} → ${packageOf(v.to)}`)
    .sort();
}

/** A resolved path inside node_modules as the package's name; anything else as it is. */
function packageOf(to: string): string {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(to);
  return match ? `npm:${match[1]}` : to;
}

describe('dependency boundaries (npm run lint)', () => {
  it('fires every rule on the fixture tree, and nothing else', async () => {
    const found = await violations(fixtures, [
      'contracts',
      'lib',
      'ops',
      'router',
      'scripts',
      'subgraphs',
    ]);
    expect(found).toEqual(
      [
        'contracts-only-contracts: contracts/wire.ts → lib/plain.ts',
        'lib-not-to-upper-layers: lib/floor.ts → router/gateway.ts',
        // A cycle is reported once, from its first module.
        'no-circular: lib/cycle-a.ts → lib/cycle-b.ts',
        'not-to-unresolvable: lib/stale.ts → ./moved-away',
        'production-not-to-composition: router/compose.ts → npm:@apollo/composition',
        // @apollo/composition is a devDependency as well.
        'production-not-to-dev-dependency: router/compose.ts → npm:@apollo/composition',
        'production-not-to-dev-dependency: lib/dev-tool.ts → npm:fast-check',
        'ops-not-to-router-or-tools: ops/launcher.ts → scripts/tool.ts',
        'production-not-to-undeclared-package: lib/undeclared.ts → npm:semver',
        'router-not-to-subgraphs-or-tools: router/gateway.ts → subgraphs/alpha/server.ts',
        'subgraph-not-to-other-subgraph: subgraphs/alpha/server.ts → subgraphs/beta/data.ts',
        'subgraph-not-to-router-or-tools: subgraphs/alpha/seed.ts → scripts/tool.ts',
      ].sort(),
    );
    // A rule added without a fixture that breaks it fails here.
    const { ruleSet } = await extractDepcruiseOptions(configFile);
    const fired = new Set(found.map((line) => line.slice(0, line.indexOf(':'))));
    expect(
      [...(ruleSet?.forbidden ?? [])].map((rule) => rule.name).filter((n) => !fired.has(n!)),
    ).toEqual([]);
  });

  it('finds no violation in the real tree', async () => {
    expect(await violations(root, realTree)).toEqual([]);
  });
});
