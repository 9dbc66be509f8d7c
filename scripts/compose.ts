/**
 * `npm run compose` writes schema/supergraph.graphql; `npm run compose -- --check` only verifies
 * that the committed file is current (CI and the test suite do the same).
 */
import { writeFileSync } from 'node:fs';
import { supergraphPath } from '../lib/paths';
import { committedSupergraph } from '../lib/supergraph';
import { composeSupergraph } from './composition';

const check = process.argv.includes('--check');
const { supergraphSdl, errors, unacceptedHints } = composeSupergraph();
for (const error of errors) console.error(`error: ${error}`);
for (const hint of unacceptedHints)
  console.error(`hint (not in schema/accepted-hints.json): ${hint}`);
if (!supergraphSdl || unacceptedHints.length > 0) process.exit(1);
if (check) {
  if (committedSupergraph() !== supergraphSdl) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it');
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is current');
} else {
  writeFileSync(supergraphPath, supergraphSdl);
  console.log(`wrote ${supergraphPath}`);
}
