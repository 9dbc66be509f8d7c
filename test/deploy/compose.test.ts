import { describe, expect, it } from 'vitest';
import { defaultPorts, subgraphNames, type SubgraphName } from '../../lib/env';
import { randomSecret } from '../../lib/secrets';
import { routerEnv } from '../../router/env';
import { durationMs, readCompose, type ComposeService } from '../support/compose';
import {
  deployedProcesses,
  processRunning,
  variablesRead,
  type ProcessName,
} from '../support/deployed-processes';
import { peersCalledBy } from '../support/deployment';
import { execForm, readDockerfile } from '../support/dockerfile';

/**
 * compose.yaml against the code and the Dockerfile: each Mercato service runs one process's
 * build, sets only variables that process reads (every required one, each valid), listens where
 * the others look for it, and starts only once what it needs is healthy or, for the migrator,
 * done. (test/e2e/image.test.ts runs these services' commands and environments for real.)
 */
const secrets = {
  INTERNAL_SECRET: randomSecret(),
  JWT_SECRET: randomSecret(),
  POSTGRES_PASSWORD: 'compose-password',
};
const compose = readCompose(secrets);
const mercato = Object.entries(compose.services).filter(([, s]) => s.image === 'mercato');
const processOf = (service: ComposeService): ProcessName => {
  const name = processRunning(service.command ?? []);
  if (!name) throw new Error(`runs ${service.command}: no process build`);
  return name;
};
const serviceRunning = (name: ProcessName) => mercato.find(([, s]) => processOf(s) === name)!;
const finalStage = readDockerfile().at(-1)!;

describe('compose.yaml', () => {
  it('refuses to start without the secrets, naming each', () => {
    expect(() => readCompose({})).toThrow(/POSTGRES_PASSWORD|INTERNAL_SECRET|JWT_SECRET/);
    for (const missing of Object.keys(secrets)) {
      expect(() => readCompose({ ...secrets, [missing]: undefined })).toThrow(missing);
    }
  });

  it('runs every process once, from the image built here, with its node entrypoint', () => {
    expect(mercato.map(([, s]) => processOf(s)).sort()).toEqual(
      ['router', ...subgraphNames, 'migrate'].sort(),
    );
    for (const [, service] of mercato) expect(service.build).toBe('.');
    // The command is the argument of the image's entrypoint (node), as in Kubernetes.
    const entrypoint = finalStage.steps.find((s) => s.keyword === 'ENTRYPOINT')!;
    expect(execForm(entrypoint)).toEqual(['node']);
  });

  it('sets only variables each process reads, every required one, each valid', () => {
    for (const [id, service] of mercato) {
      const name = processOf(service);
      const known = variablesRead(name);
      const env = service.environment ?? {};
      expect(
        Object.keys(env).filter((key) => !known.has(key)),
        id,
      ).toEqual([]);
      expect(() => deployedProcesses[name].parse(env), id).not.toThrow();
    }
  });

  it('listens on the ports of DESIGN.md and points every URL at the service listening there', () => {
    const codeUrls = routerEnv({ ...secrets }).subgraphUrls; // the code's defaults
    for (const [id, service] of mercato) {
      const name = processOf(service);
      const env = service.environment ?? {};
      const config = deployedProcesses[name].parse(env) as { server?: { port: number } };
      if (name !== 'migrate') expect(config.server?.port, id).toBe(defaultPorts[name]);
      for (const [key, value] of Object.entries(env)) {
        const url = /_URL$/.test(key) ? new URL(value) : undefined;
        if (!url) continue;
        const [target, targetService] =
          Object.entries(compose.services).find(([other]) => other === url.hostname) ?? [];
        expect(target, `${id} ${key}`).toBeDefined();
        if (key.endsWith('DATABASE_URL')) {
          expect(target, `${id} ${key}`).toBe('postgres');
          const db = targetService!.environment!;
          expect(url.username).toBe(db.POSTGRES_USER);
          expect(decodeURIComponent(url.password)).toBe(db.POSTGRES_PASSWORD);
          expect(url.pathname).toBe(`/${db.POSTGRES_DB}`);
          continue;
        }
        const subgraph = key.replace(/_URL$/, '').toLowerCase() as SubgraphName;
        if (!subgraphNames.includes(subgraph)) continue; // another service's (e.g. Redis)
        expect(processOf(targetService!), `${id} ${key}`).toBe(subgraph);
        const code = new URL(codeUrls[subgraph]);
        expect(url.port, `${id} ${key}`).toBe(code.port);
        expect(url.pathname, `${id} ${key}`).toBe(code.pathname);
      }
    }
    expect(serviceRunning('router')[1].ports).toEqual([
      `${defaultPorts.router}:${defaultPorts.router}`,
    ]);
  });

  it('starts in health order: database, migrations done, peers, then the router', () => {
    const needs = (name: ProcessName) =>
      Object.fromEntries(
        Object.entries(serviceRunning(name)[1].depends_on ?? {}).map(([dep, { condition }]) => [
          dep,
          condition,
        ]),
      );
    const migrate = serviceRunning('migrate')[0];
    expect(needs('migrate')).toEqual({ postgres: 'service_healthy' });
    for (const name of subgraphNames) {
      const peers = [...peersCalledBy(name)].map((peer) => [
        serviceRunning(peer)[0],
        'service_healthy',
      ]);
      expect(needs(name), name).toEqual({
        postgres: 'service_healthy',
        [migrate]: 'service_completed_successfully',
        ...Object.fromEntries(peers),
      });
    }
    const routerNeeds = needs('router');
    for (const name of subgraphNames)
      expect(routerNeeds[serviceRunning(name)[0]]).toBe('service_healthy');

    // Whatever is awaited as healthy has a health check: its own, or the image's HEALTHCHECK.
    const imageHealthcheck = finalStage.steps.some((s) => s.keyword === 'HEALTHCHECK');
    expect(imageHealthcheck).toBe(true);
    for (const service of Object.values(compose.services)) {
      for (const [dep, { condition }] of Object.entries(service.depends_on ?? {})) {
        if (condition !== 'service_healthy') continue;
        const target = compose.services[dep]!;
        const checked =
          target.healthcheck?.test ?? (target.image === 'mercato' && !target.healthcheck?.disable);
        expect(checked, dep).toBeTruthy();
      }
    }
  });

  it('runs each process read-only, without capabilities or privilege gain, drained before a kill', () => {
    for (const [id, service] of mercato) {
      expect(service.read_only, id).toBe(true);
      expect(service.tmpfs, id).toEqual(['/tmp']);
      expect(service.cap_drop, id).toEqual(['ALL']);
      expect(service.security_opt, id).toContain('no-new-privileges:true');
      const name = processOf(service);
      if (name === 'migrate') continue;
      const { server } = deployedProcesses[name].parse(service.environment ?? {}) as {
        server: { drainTimeoutMs: number };
      };
      expect(durationMs(service.stop_grace_period!), id).toBeGreaterThan(server.drainTimeoutMs);
    }
  });
});
