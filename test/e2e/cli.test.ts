import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { committedSupergraph } from '../../lib/supergraph';
import { partnerKeyPrefix } from '../../subgraphs/accounts/partner-keys';
import { root } from '../../lib/paths';
import { PARTNER_REVOKED_CHANNEL } from '../../contracts/partners';
import { waitFor } from '../support/integrity';
import { dropKeys, TEST_REDIS_URL, testKeyPrefix, testSharedState } from '../support/redis';
import { createPartnerVerifier } from '../../router/partners';
import { operationOutputs, staleOutputs } from '../../scripts/operations/build';
import { fileDatabaseUrl } from '../support/database';
import { withChangedOperations } from '../support/operations';
import { useSupergraph } from '../support/supergraph';

/**
 * Process tier: the operator's command-line tools, run as processes exactly as `npm run` runs
 * them (exit codes, what they print).
 */
const supergraph = useSupergraph();

describe('npm run operations', () => {
  const script = path.join(root, 'scripts', 'operations.ts');
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const run = (...args: string[]) =>
    spawnSync(tsx, [script, ...args], { cwd: root, encoding: 'utf8' });

  it('--check passes on the committed manifest', () => {
    const check = run('--check');
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('`npm run operations -- --check` fails once a document changes, until rebuilt', () => {
    withChangedOperations((dir, file) => {
      const stale = run('--check', '--dir', dir);
      expect(stale.status).toBe(1);
      expect(stale.stderr).toMatch(/manifest.json is stale: run `npm run operations`/);
      expect(run('--dir', dir).status).toBe(0);
      expect(staleOutputs(operationOutputs(committedSupergraph(), dir).outputs)).toEqual([]);
      // An invalid document fails the build and writes nothing.
      writeFileSync(file, 'query StockAvailability { nope }');
      const invalid = run('--dir', dir);
      expect(invalid.status).toBe(1);
      expect(invalid.stderr).toMatch(/Cannot query field "nope" on type "Query"/);
    });
  });
});

describe('npm run partners', () => {
  const run = promisify(execFile);
  const cliWith = (env: Record<string, string>, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/partners.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: fileDatabaseUrl(), ...env },
    });
  const cli = (...args: string[]) => cliWith({}, ...args);

  it("announces a revocation on the routers' Redis", async () => {
    const prefix = testKeyPrefix('cli');
    const routers = await testSharedState(prefix);
    try {
      const received: string[] = [];
      const subscription = routers.subscribe(PARTNER_REVOKED_CHANNEL, {
        message: (text) => received.push(text),
        resync() {},
      });
      await waitFor(async () => subscription.live(), 5_000);
      const created = await cli('create', 'Announced Partner');
      const id = Number(/Created partner (\d+)/.exec(created.stdout)?.[1]);
      const revoked = await cliWith(
        { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix },
        'revoke',
        String(id),
      );
      expect(revoked.stdout).toContain('Announced to the routers');
      await waitFor(async () => received.length === 1, 5_000);
      expect(JSON.parse(received[0]!)).toEqual({ partnerId: id });
    } finally {
      await routers.close();
      await dropKeys(prefix);
    }
  }, 60_000);

  it('creates a key that verifies, lists it without the key, and revokes it', async () => {
    const created = await cli(
      'create',
      'CLI Partner',
      '--operations',
      'ProductDetail,StockAvailability',
    );
    const key = /mk_live_[A-Za-z0-9_-]{43}/.exec(created.stdout)?.[0];
    expect(key).toBeDefined();
    const client = createPartnerVerifier({
      accountsUrl: supergraph.stack.subgraphs.accounts.url,
      internalSecret: supergraph.stack.internalSecret,
      cacheTtlMs: 0,
    });
    expect(await client.verify(key!)).toMatchObject({
      name: 'CLI Partner',
      operations: ['ProductDetail', 'StockAvailability'],
    });
    const listed = await cli('list');
    expect(listed.stdout).toContain(partnerKeyPrefix(key!));
    expect(listed.stdout).not.toContain(key!);
    await cli('revoke', partnerKeyPrefix(key!));
    expect(await client.verify(key!)).toBeNull();
    await expect(cli('create', 'Bad Ops', '--operations', 'not-a-name')).rejects.toMatchObject({
      code: 2,
    });
    // Names the manifest does not list as partner operations: a typo, and an app operation.
    for (const operations of ['StockAvailability,Bogus', 'ProductPage']) {
      await expect(cli('create', 'Bad Ops', '--operations', operations)).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/not partner operations of the persisted manifest/),
      });
    }
    expect((await cli('list')).stdout).not.toContain('Bad Ops');
  }, 60_000);
});

describe('a process with a bad configuration', () => {
  it('prints one line per problem, no stack trace, and exits 2', async () => {
    for (const entry of ['router/main.ts', 'subgraphs/orders/main.ts']) {
      const outcome = await promisify(execFile)(process.execPath, ['--import', 'tsx', entry], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          INTERNAL_SECRET: ' '.repeat(40),
          JWT_SECRET: 'short',
          PORT: 'eighty',
        },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(outcome.code, entry).toBe(2);
      const lines = outcome.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/: Invalid configuration:$/);
      expect(lines.slice(1).every((line) => line.startsWith('  - '))).toBe(true);
      expect(outcome.stderr).toMatch(/INTERNAL_SECRET: does not look random/);
      expect(outcome.stderr).toMatch(/PORT: /);
      expect(outcome.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
