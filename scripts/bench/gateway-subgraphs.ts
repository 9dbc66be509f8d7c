/**
 * The five subgraphs for `npm run bench:gateway`, in one process of their own (so they can be
 * pinned to a core apart from the router under test). Argument: the database URL. Prints one
 * JSON line — URLs, management URLs, the stack's secrets and a partner API key it created — and
 * serves until SIGTERM.
 */
import { subgraphNames } from '../../lib/env';
import { createDb } from '../../lib/db';
import { dbOptionsFrom, dbSettingsEnv } from '../../lib/env';
import { createPartner } from '../../subgraphs/accounts/partners';
import { tables } from '../../subgraphs/accounts/db/schema';
import { startSubgraphs } from '../../test/support/stack';

export interface BenchSubgraphs {
  urls: Record<string, string>;
  managementUrls: Record<string, string>;
  internalSecret: string;
  tokens: { secret: string; issuer: string; audience: string; ttlSeconds: number };
  partnerKey: string;
}

const databaseUrl = process.argv[2];
if (!databaseUrl) throw new Error('usage: gateway-subgraphs.ts <database url>');
// As production runs them: no statement recording (tests' postgres.js debug hook).
const set = await startSubgraphs(databaseUrl, subgraphNames, { recordStatements: false });
const accounts = createDb(dbOptionsFrom(dbSettingsEnv({}), databaseUrl, 'bench-partner'), tables);
const { key } = await createPartner(accounts.db, { name: 'bench', operations: null });
await accounts.close();
const ready: BenchSubgraphs = {
  urls: Object.fromEntries(subgraphNames.map((n) => [n, set.subgraphs[n]!.url])),
  managementUrls: Object.fromEntries(
    subgraphNames.map((n) => [n, set.subgraphs[n]!.managementUrl]),
  ),
  internalSecret: set.internalSecret,
  tokens: set.tokenSettings,
  partnerKey: key,
};
console.log(JSON.stringify(ready));
process.once('SIGTERM', () => void set.stop().then(() => process.exit(0)));
