/**
 * `npm run operations` builds schema/operations/manifest.json (Apollo's persisted query list
 * format) and classes.json (which client class may run each id) from the documents under
 * schema/operations/{app,partner}; `npm run operations -- --check` only verifies that both
 * committed files are current (the test suite does the same). `--dir <path>` reads and writes
 * another folder of the same layout.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { committedSupergraph } from '../lib/supergraph';
import { operationsDir } from '../router/persisted/manifest';
import { operationOutputs, staleOutputs } from './operations/build';

const args = process.argv.slice(2);
const check = args.includes('--check');
const dirArg = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : undefined;
const dir = dirArg ? path.resolve(dirArg) : operationsDir;

const { built, outputs } = operationOutputs(committedSupergraph(), dir);
for (const error of built.errors) console.error(`error: ${error}`);
if (built.errors.length > 0) process.exit(1);

const count = built.manifest.operations.length;
if (check) {
  const stale = staleOutputs(outputs);
  for (const file of stale)
    console.error(
      `${path.relative(process.cwd(), file)} is stale: run \`npm run operations\` and commit it`,
    );
  if (stale.length > 0) process.exit(1);
  console.log(`${path.relative(process.cwd(), dir) || '.'} is current (${count} operations)`);
} else {
  for (const { file, text } of outputs) writeFileSync(file, text);
  console.log(`wrote ${count} operations to ${path.relative(process.cwd(), dir) || '.'}`);
}
