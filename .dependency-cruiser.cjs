/**
 * The boundaries of DESIGN.md §6, checked by `npm run lint` (dependency-cruiser). Production code
 * is lib/, router/, subgraphs/, contracts/ and ops/ (the launcher, the migrator and the seed they
 * use): what `npm run build` bundles into dist/ and runs installed without devDependencies.
 * scripts/ and test/ are tools around it and may import anything.
 *
 * test/lint/boundaries.test.ts proves every rule fires on the fixture tree under
 * test/lint/fixtures and that the real tree has no violation.
 */

/** What runs in production: the router, the subgraphs, the shared floor, the contracts, ops. */
const production = '^(lib|router|subgraphs|contracts|ops)/';

/**
 * A package's resolved path. Paths are relative to where the cruise starts, and node_modules may
 * sit above it (the boundaries test cruises its fixture tree from inside test/).
 */
const npmPackage = (name) => `(^|/)node_modules/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'lib-not-to-upper-layers',
      comment:
        'lib/ is the shared floor every process stands on: it may know the contracts, but never ' +
        'the router, a subgraph, ops, a script or a test. Anything that needs those belongs ' +
        'above it.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(router|subgraphs|ops|scripts|test)/' },
    },
    {
      name: 'subgraph-not-to-other-subgraph',
      comment:
        'Each subgraph is its own process owning its own data (DESIGN.md §1): it reaches another ' +
        "only through federation or that subgraph's internal API, whose wire shape lives in " +
        "contracts/. Importing the other's code would couple their deployments and schemas.",
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: '^subgraphs/', pathNot: '^subgraphs/$1/' },
    },
    {
      name: 'subgraph-not-to-router-or-tools',
      comment:
        'A subgraph process ships without scripts/ and test/ and never runs the router or the ' +
        'launcher: it stands on lib/ and contracts/ only. Dev and ops code may import a ' +
        'subgraph, not the other way round.',
      severity: 'error',
      from: { path: '^subgraphs/' },
      to: { path: '^(router|ops|scripts|test)/' },
    },
    {
      name: 'router-not-to-subgraphs-or-tools',
      comment:
        'The router knows subgraphs only through the composed supergraph and the contracts; ' +
        'importing their code would load their schemas and drivers into the router process. ' +
        'ops/, scripts/ and test/ are not part of the deployed router.',
      severity: 'error',
      from: { path: '^router/' },
      to: { path: '^(subgraphs|ops|scripts|test)/' },
    },
    {
      name: 'ops-not-to-router-or-tools',
      comment:
        'ops/ (the launcher, the migrator, the seed) is built into dist/ and runs without ' +
        'scripts/ and test/; the launcher starts the router as a process, never loads it. It ' +
        "may use lib/, contracts/ and a subgraph's tables (the seed writes them).",
      severity: 'error',
      from: { path: '^ops/' },
      to: { path: '^(router|scripts|test)/' },
    },
    {
      name: 'contracts-only-contracts',
      comment:
        'contracts/ are the wire shapes two processes agree on (zod schemas, paths, constants, ' +
        'types) and nothing else: no I/O, no runtime of either side. They may use zod and each ' +
        'other; anything more would drag one side into the other.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { pathNot: ['^contracts/', npmPackage('zod')] },
    },
    {
      name: 'production-not-to-dev-dependency',
      comment:
        'Production installs without devDependencies (DESIGN.md §7), so a value imported from one ' +
        'is missing at run time. Type-only imports are erased before anything runs.',
      severity: 'error',
      from: { path: production },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'production-not-to-composition',
      comment:
        '@apollo/composition builds schema/supergraph.graphql at build time (npm run compose); ' +
        'the router reads the committed file. Loading composition into a running process costs ' +
        'start-up time and memory for nothing.',
      severity: 'error',
      from: { path: production },
      to: { path: npmPackage('@apollo/composition') },
    },
    {
      name: 'production-not-to-undeclared-package',
      comment:
        'A package production imports must be a declared dependency: one that is only present ' +
        'because something else pulled it in disappears when that something changes.',
      severity: 'error',
      from: { path: production },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'An import that resolves to nothing fails at run time; often a stale path after a move.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle makes module initialisation order-dependent and the layers meaningless; a ' +
        'type-only cycle still means two modules that cannot be understood apart. Move the ' +
        'shared part to a module both import.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Deliberately bad trees that the boundaries test cruises on its own.
    exclude: { path: '^test/lint/fixtures/' },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: they are edges of the design even though they are erased.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // ESM resolution as Node and TypeScript do it (package.json "exports", import conditions).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
