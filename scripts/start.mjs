// @ts-check
/**
 * `npm start`: builds when the sources changed since the last build (scripts/build.mjs: a hash of
 * the inputs, milliseconds), then runs the launcher from the build, dist/start.js, in this very
 * process. Plain JavaScript, so that it runs on a fresh clone before anything is built.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, defaultOutdir, staleReason } from './build.mjs';

const stale = staleReason();
if (stale) {
  const started = Date.now();
  try {
    await build();
  } catch (error) {
    // A production install (npm ci --omit=dev) has no esbuild: it runs the build it was given.
    const missing = /** @type {{ code?: string }} */ (error).code === 'ERR_MODULE_NOT_FOUND';
    console.error(
      missing
        ? `[mercato] the build is out of date (${stale}) and esbuild, a devDependency, is not ` +
            'installed: run `npm run build` where devDependencies are (`npm ci`)'
        : `[mercato] build failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  console.log(`[mercato] built dist/ (${stale}) in ${Date.now() - started} ms`);
}
await import(pathToFileURL(path.join(defaultOutdir, 'start.js')).href);
