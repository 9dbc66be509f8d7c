/**
 * `npm run partners -- <command>`: manages partner API keys in the accounts database
 * (ACCOUNTS_DATABASE_URL, falling back to DATABASE_URL, as for the accounts subgraph).
 *
 *   create "<name>" [--operations OpA,OpB]   prints the new key, once; only its hash is stored
 *   revoke <id or key prefix>                 routers refuse the key at once (announced on REDIS_URL's
 *                                             Redis), else within their cache TTL (30 s)
 *   list                                      every partner, revoked ones included
 */
import { parseArgs } from 'node:util';
import { createDb } from '../lib/db';
import { z } from 'zod';
import { ConfigError, parseEnv, sharedStateSettings, subgraphDbOptions } from '../lib/env';
import { createLogger } from '../lib/log';
import { createSharedState } from '../lib/shared-state';
import { loadPersistedQueries, manifestPath } from '../router/persisted/manifest';
import { tables } from '../subgraphs/accounts/db/schema';
import type { AccountsDb } from '../subgraphs/accounts/db/users';
import {
  createPartner,
  listPartnerSummaries,
  parseOperations,
  PartnerCommandError,
  revokePartnerBy,
  type PartnerSummary,
} from '../subgraphs/accounts/partners';

const usage = `Usage: npm run partners -- <command>

  create "<name>" [--operations OpA,OpB]   create a partner and print its API key (shown once)
                                            without --operations it may run the standard partner list
  revoke <id | key prefix>                  revoke a partner's key (prefix as shown by list)
  list                                      list partners

The accounts database comes from ACCOUNTS_DATABASE_URL or DATABASE_URL (under npm start the
embedded one is postgres://postgres:postgres@127.0.0.1:54320/mercato). With REDIS_URL (and
REDIS_KEY_PREFIX) set as the routers have them, revoke announces the revocation to every router.`;

function describe(partner: PartnerSummary): string {
  const operations = partner.operations ? partner.operations.join(',') : '(standard list)';
  const status = partner.revokedAt ? `revoked ${partner.revokedAt.toISOString()}` : 'active';
  return [
    String(partner.id).padStart(4),
    `${partner.keyPrefix}…`,
    status.padEnd(32),
    partner.name,
    `operations: ${operations}`,
  ].join('  ');
}

class UsageError extends Error {}

/**
 * A partner's own list may name only partner operations of the persisted manifest: a name it
 * lacks (a typo, or an app operation) would never run, and would silently narrow the partner's
 * access to nothing.
 */
function checkPartnerOperations(names: string[] | null): string[] | null {
  if (names === null) return null;
  const partnerOperations = [...loadPersistedQueries(manifestPath).byId.values()]
    .filter((op) => op.class === 'partner')
    .map((op) => op.name)
    .sort();
  const unknown = names.filter((name) => !partnerOperations.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `not partner operations of the persisted manifest: ${unknown.join(', ')} ` +
        `(partner operations: ${partnerOperations.join(', ')})`,
    );
  }
  return names;
}

type Command =
  | { kind: 'help' }
  | { kind: 'create'; name: string; operations: string[] | null }
  | { kind: 'revoke'; target: string }
  | { kind: 'list' };

/** Reads the command line without touching the database (so --help needs no configuration). */
function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        operations: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) return { kind: 'help' };
  if (command !== 'create' && values.operations !== undefined) {
    throw new UsageError('--operations is for create');
  }
  switch (command) {
    case 'create':
      if (rest.length !== 1) throw new UsageError('create takes one partner name (quote it)');
      return {
        kind: 'create',
        name: rest[0] ?? '',
        operations: checkPartnerOperations(parseOperations(values.operations)),
      };
    case 'revoke':
      if (rest.length !== 1) throw new UsageError('revoke takes one partner id or key prefix');
      return { kind: 'revoke', target: rest[0] ?? '' };
    case 'list':
      if (rest.length !== 0) throw new UsageError('list takes no arguments');
      return { kind: 'list' };
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function run(db: AccountsDb, command: Exclude<Command, { kind: 'help' }>): Promise<void> {
  switch (command.kind) {
    case 'create': {
      const { partner, key } = await createPartner(db, command);
      console.log(`Created partner ${partner.id} (${partner.name}).`);
      console.log(`API key — shown only now, store it safely; send it as the x-api-key header:`);
      console.log(`\n  ${key}\n`);
      return;
    }
    case 'revoke': {
      // The routers' Redis (REDIS_URL), where the revocation is announced to every replica.
      const env = parseEnv(z.object(sharedStateSettings));
      const shared = env.REDIS_URL
        ? createSharedState({
            url: env.REDIS_URL,
            keyPrefix: env.REDIS_KEY_PREFIX,
            logger: createLogger('partners', 'error'),
          })
        : undefined;
      try {
        await shared?.ready(3_000);
        const partner = await revokePartnerBy(db, command.target, shared);
        console.log(`Revoked partner ${partner.id} (${partner.name}, ${partner.keyPrefix}…).`);
        console.log(
          partner.announced
            ? 'Announced to the routers: every replica refuses the key now.'
            : 'Routers stop accepting the key within their cache TTL (30 s by default; set ' +
                "REDIS_URL to the routers' Redis to announce it at once).",
        );
      } finally {
        await shared?.close();
      }
      return;
    }
    case 'list': {
      const partners = await listPartnerSummaries(db);
      if (partners.length === 0) console.log('No partners.');
      for (const partner of partners) console.log(describe(partner));
      return;
    }
  }
}

async function main(): Promise<void> {
  const command = parseCommand(process.argv.slice(2));
  if (command.kind === 'help') {
    console.log(usage);
    return;
  }
  const database = createDb(subgraphDbOptions('accounts'), tables);
  try {
    await run(database.db, command);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    error instanceof PartnerCommandError ||
    error instanceof ConfigError
  ) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  console.error(error);
  process.exitCode = 1;
});
